"""Rate limits on the public channels (REST and socket.io), per conversation and per address.

``CHANNEL_RATE_PER_CONVERSATION`` (default ``8 per 10 seconds; 40 per minute``) and
``CHANNEL_RATE_PER_ADDRESS`` (default ``30 per 10 seconds; 300 per minute``) are
``limits`` rates (``off`` for none), counted in ``RATE_LIMIT_STORAGE_URL``
(:mod:`access.limits`). The address is the client's behind ``TRUSTED_PROXIES``
(:mod:`access.addresses`), IPv6 by its /64.

A local client (the operator's own tools on loopback: the evaluation, the tests, the
benchmarks; never a request forwarded by a proxy we do not trust) is not limited. A
REST caller with the REST token is a trusted integration serving many learners from
one address: only its conversations are limited, not its address.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Mapping, Optional

from access.addresses import Proxies, group
from access.limits import RateLimit, moving_window, storage_url

#: the socket.io reply to a client over its limit (not a domain response: it is sent
#: before anything is read, and needs no model)
SLOW_DOWN = "You're sending messages faster than I can read them. Please wait a moment."
DEFAULT_PER_CONVERSATION = "8 per 10 seconds; 40 per minute"
DEFAULT_PER_ADDRESS = "30 per 10 seconds; 300 per minute"


@dataclass(frozen=True)
class Client:
    """Who sent a request: the address group it is counted by, and whether it is local."""

    address: str
    local: bool

    @classmethod
    def of(cls, proxies: Proxies, peer: Optional[str], forwarded: Optional[str]) -> Client:
        """The client of a connection from ``peer`` with ``X-Forwarded-For: forwarded``."""
        return cls(group(proxies.client(peer, forwarded)), proxies.is_local(peer, forwarded))


class ChannelLimits:
    """The per-conversation and per-address limits of the public channels."""

    def __init__(self, per_conversation: RateLimit, per_address: RateLimit,
                 proxies: Proxies) -> None:  # fmt: skip
        self.per_conversation = per_conversation
        self.per_address = per_address
        self.proxies = proxies

    @classmethod
    def from_env(cls, env: Optional[Mapping[str, str]] = None) -> ChannelLimits:
        """From ``CHANNEL_RATE_*``, ``RATE_LIMIT_STORAGE_URL`` and ``TRUSTED_PROXIES``."""
        env = os.environ if env is None else env
        limiter = moving_window(storage_url(env))
        return cls(
            RateLimit("channel-conversation",
                      env.get("CHANNEL_RATE_PER_CONVERSATION", DEFAULT_PER_CONVERSATION), limiter),
            RateLimit("channel-address",
                      env.get("CHANNEL_RATE_PER_ADDRESS", DEFAULT_PER_ADDRESS), limiter),
            Proxies.from_env(env),
        )  # fmt: skip

    def client(self, peer: Optional[str], forwarded: Optional[str]) -> Client:
        """The client of a request (see :class:`Client`)."""
        return Client.of(self.proxies, peer, forwarded)

    def allow(self, conversation: str, client: Client, trusted: bool = False) -> bool:
        """Count a message of ``conversation`` from ``client``; False if it is over a limit.

        ``trusted`` (an authenticated integration) skips the per-address limit.
        """
        if client.local:
            return True
        if not trusted and not self.per_address.hit(client.address):
            return False
        return self.per_conversation.hit(conversation)

    def retry_after(self, conversation: str, client: Client) -> int:
        """Seconds to wait before trying again."""
        return max(self.per_conversation.retry_after(conversation),
                   self.per_address.retry_after(client.address))  # fmt: skip
