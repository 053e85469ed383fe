"""How many enquiries one conversation, and one client address, may file in a day.

``ENQUIRY_CAP_PER_CONVERSATION`` (default ``3 per day``) and ``ENQUIRY_CAP_PER_ADDRESS``
(default ``10 per day``) are ``limits`` rates (``off`` for none), counted in
``RATE_LIMIT_STORAGE_URL`` (:mod:`access.limits`: memory, or the scale profile's
Redis). The address is the pseudonym the channel put in the message's metadata
(:data:`access.addresses.CLIENT_METADATA_KEY`); a message without one (a messaging
platform, a trusted REST integration, a local client) is capped per conversation only.
A script that files enquiries from one place therefore stops at the cap, and the
genuine enquiries of everyone else are untouched.
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING, Mapping, Optional

from access.addresses import CLIENT_METADATA_KEY
from access.limits import RateLimit, moving_window, storage_url

if TYPE_CHECKING:
    from rasa_sdk import Tracker

DEFAULT_PER_CONVERSATION = "3 per day"
DEFAULT_PER_ADDRESS = "10 per day"


def client_of(tracker: Tracker) -> Optional[str]:
    """The client pseudonym the channel gave the latest message, if any."""
    metadata = (tracker.latest_message or {}).get("metadata") or {}
    value = metadata.get(CLIENT_METADATA_KEY) if isinstance(metadata, dict) else None
    return value if isinstance(value, str) and value else None


class EnquiryCaps:
    """The daily caps on enquiries per conversation and per client address."""

    def __init__(self, per_conversation: RateLimit, per_address: RateLimit) -> None:
        self.per_conversation = per_conversation
        self.per_address = per_address

    @classmethod
    def from_env(cls, env: Optional[Mapping[str, str]] = None) -> EnquiryCaps:
        """From ``ENQUIRY_CAP_*`` and ``RATE_LIMIT_STORAGE_URL``."""
        env = os.environ if env is None else env
        limiter = moving_window(storage_url(env))
        return cls(
            RateLimit("enquiry-conversation",
                      env.get("ENQUIRY_CAP_PER_CONVERSATION", DEFAULT_PER_CONVERSATION), limiter),
            RateLimit("enquiry-address",
                      env.get("ENQUIRY_CAP_PER_ADDRESS", DEFAULT_PER_ADDRESS), limiter),
        )  # fmt: skip

    def reached(self, sender: str, client: Optional[str]) -> bool:
        """Whether this conversation or this client has filed all it may today."""
        if not self.per_conversation.test(sender):
            return True
        return client is not None and not self.per_address.test(client)

    def count(self, sender: str, client: Optional[str]) -> None:
        """Count one enquiry filed."""
        self.per_conversation.count(sender)
        if client is not None:
            self.per_address.count(client)


_lock = threading.Lock()
_caps: Optional[EnquiryCaps] = None


def caps() -> EnquiryCaps:
    """The action server's caps, made from the environment on first use."""
    global _caps
    with _lock:
        if _caps is None:
            _caps = EnquiryCaps.from_env()
        return _caps


def reset_caps() -> None:
    """Forget the caps (and their counts, in memory); the next :func:`caps` reads the settings."""
    global _caps
    with _lock:
        _caps = None
