"""Passwords (argon2), CSRF tokens, the login limiter and the public rate limit."""

from __future__ import annotations

import hmac
import secrets
from typing import Optional

import argon2
from argon2.exceptions import InvalidHashError, VerificationError

from access.limits import Limiter, RateLimit, moving_window

#: a hash checked when the email is unknown, so both cases take the same time
_DUMMY_PASSWORD = "not a password"


class PasswordHasher:
    """argon2id hashing with the library's recommended parameters."""

    def __init__(self, hasher: Optional[argon2.PasswordHasher] = None) -> None:
        self._hasher = hasher or argon2.PasswordHasher()
        self._dummy: Optional[str] = None

    def hash(self, password: str) -> str:
        """The argon2id hash of ``password``."""
        return self._hasher.hash(password)

    def verify(self, stored: Optional[str], password: str) -> bool:
        """True if ``password`` matches ``stored``; None is checked against a dummy hash."""
        if stored is None:
            if self._dummy is None:
                self._dummy = self._hasher.hash(_DUMMY_PASSWORD)
            stored, password = self._dummy, password + "\0"
        try:
            return self._hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return False


def new_csrf_token() -> str:
    """A fresh random token for a session's forms."""
    return secrets.token_urlsafe(32)


def same_token(expected: Optional[str], given: Optional[str]) -> bool:
    """Compare tokens in constant time; missing tokens never match."""
    if not expected or not given:
        return False
    return hmac.compare_digest(expected.encode("utf-8"), given.encode("utf-8"))


class LoginLimiter:
    """Refuses logins for a (client, email) pair after too many recent failures."""

    def __init__(self, max_failures: int = 5, window: float = 300.0,
                 limiter: Optional[Limiter] = None) -> None:  # fmt: skip
        rate = f"{max_failures} per {max(1, round(window))} seconds"
        self.failures = RateLimit("web-login", rate, limiter or moving_window())

    @staticmethod
    def _key(client: str, email: str) -> str:
        return f"{client}|{email.lower()}"

    def blocked(self, client: str, email: str) -> bool:
        """True if this pair has used up its failures in the window."""
        return not self.failures.test(self._key(client, email))

    def retry_after(self, client: str, email: str) -> int:
        """Seconds until this pair may try again (0 if it may now)."""
        if not self.blocked(client, email):
            return 0
        return self.failures.retry_after(self._key(client, email))

    def failed(self, client: str, email: str) -> None:
        """Count a failed login."""
        self.failures.count(self._key(client, email))

    def succeeded(self, client: str, email: str) -> None:
        """Forget the failures of this pair."""
        self.failures.clear(self._key(client, email))


class ClientLimit:
    """At most ``burst`` requests per client in ``burst / rate`` seconds (a moving window).

    The same long-run rate and the same largest burst as a token bucket of ``rate``
    tokens a second holding ``burst``.
    """

    def __init__(self, rate: float = 10.0, burst: int = 60,
                 limiter: Optional[Limiter] = None) -> None:  # fmt: skip
        window = max(1, round(burst / rate)) if rate > 0 else 1
        self.limit = RateLimit("web-public", f"{burst} per {window} seconds",
                               limiter or moving_window())  # fmt: skip

    def take(self, client: str) -> bool:
        """Count a request by ``client``; False when it is over the limit."""
        return self.limit.hit(client)
