"""Whose conversation a message belongs to: ids namespaced per channel, signed widget sessions.

Every channel stores a conversation under ``<channel>:<id>`` (:func:`conversation_id`):
``rest:<sender>``, ``socketio:<session>``, ``telegram:<chat id>``,
``twilio:whatsapp:+44...``, ``slack:<user>``, ``facebook:<sender>``. A client of one
channel can therefore never name a conversation of another (the REST sender
``whatsapp:+447700900999`` is stored as ``rest:whatsapp:+447700900999``). The guard
(:mod:`bot.channels.guard`) applies the namespace; replies go out with the
channel's own id (:func:`local_id`).

The socket.io widget does not choose its session id: the server issues one, signed
with ``CHANNEL_SECRET`` (:class:`SessionSigner`), and confirms only a session it
signed; anything else gets a new conversation.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
from pathlib import Path
from typing import Mapping, Optional, Tuple

VAR_DIR = Path(__file__).resolve().parent.parent.parent / "var"
#: where a generated channel secret is kept when ``CHANNEL_SECRET`` is unset
DEFAULT_SECRET_FILE = VAR_DIR / "channel_secret.key"
#: bytes of randomness in a session id, and of the signature kept
SESSION_BYTES = 16
SIGNATURE_BYTES = 16


def conversation_id(channel: str, sender: str) -> str:
    """The id a channel's conversation is stored under: ``<channel>:<sender>``."""
    return f"{channel}:{sender}"


def local_id(channel: str, conversation: str) -> str:
    """The channel's own id of a stored conversation (the inverse of :func:`conversation_id`)."""
    prefix = f"{channel}:"
    return conversation[len(prefix):] if conversation.startswith(prefix) else conversation


def channel_secret(env: Optional[Mapping[str, str]] = None) -> bytes:
    """``CHANNEL_SECRET``, or a random one generated once into ``CHANNEL_SECRET_FILE``.

    Every Rasa server of one deployment needs the same secret (set ``CHANNEL_SECRET``
    when they do not share the ``var/`` folder).
    """
    env = os.environ if env is None else env
    secret = env.get("CHANNEL_SECRET", "").strip()
    if secret:
        return secret.encode("utf-8")
    path = Path(env.get("CHANNEL_SECRET_FILE") or DEFAULT_SECRET_FILE)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another server made it first
            pass
        else:
            with os.fdopen(descriptor, "w", encoding="ascii") as out:
                out.write(secrets.token_urlsafe(32) + "\n")
    return path.read_text(encoding="ascii").strip().encode("utf-8")


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


class SessionSigner:
    """Issues and checks widget session ids ``<random>.<signature>``."""

    def __init__(self, secret: bytes) -> None:
        self.secret = secret

    def _signature(self, session: str) -> str:
        digest = hmac.new(self.secret, f"socketio-session:{session}".encode(), hashlib.sha256)
        return _b64(digest.digest()[:SIGNATURE_BYTES])

    def new(self) -> Tuple[str, str]:
        """A new session and its signed id."""
        session = secrets.token_urlsafe(SESSION_BYTES)
        return session, f"{session}.{self._signature(session)}"

    def session(self, token: object) -> Optional[str]:
        """The session a signed id stands for, or None if it is not one we signed."""
        if not isinstance(token, str) or token.count(".") != 1 or len(token) > 128:
            return None
        session, signature = token.split(".")
        if not session or not hmac.compare_digest(signature, self._signature(session)):
            return None
        return session

    def client_key(self, address_group: str) -> str:
        """A pseudonym of a client's address group (for the enquiry caps), not the address."""
        digest = hmac.new(self.secret, f"client:{address_group}".encode(), hashlib.sha256)
        return _b64(digest.digest()[:12])
