"""Passwords (argon2), CSRF tokens, the login backoff and the public rate limit."""

from __future__ import annotations

import hmac
import secrets
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, Optional, Tuple

import argon2
from argon2.exceptions import InvalidHashError, VerificationError

from access.limits import Limiter, RateLimit, moving_window

#: a hash checked when the email is unknown, so both cases take the same time
_DUMMY_PASSWORD = "not a password"
#: the shortest password an adviser may have
MIN_PASSWORD = 12
#: the most clients a limiter remembers before it forgets the idlest
MAX_CLIENTS = 10_000


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


@dataclass
class LoginBackoff:
    """A growing delay on wrong passwords, per account, that never locks the owner out.

    It is consulted only *after* the password has been checked: the right password
    logs in at once from anywhere, whatever happened before. After ``after`` failures
    of one account, each wrong password is answered only after a delay that starts at
    ``first`` seconds and doubles with each further failure, up to ``longest``; a
    success forgets the failures, and so does ``forget_after`` seconds without one.
    Someone guessing one account's password therefore waits longer and longer per
    guess, while its owner is never refused.
    """

    after: int = 3
    first: float = 1.0
    longest: float = 30.0
    forget_after: float = 3600.0
    clock: Callable[[], float] = time.monotonic
    _failures: Dict[str, Tuple[int, float]] = field(default_factory=dict)

    def failures(self, account: str) -> int:
        """Recent failures of ``account`` (an email address, any case)."""
        count, last = self._failures.get(account.lower(), (0, 0.0))
        return count if self.clock() - last <= self.forget_after else 0

    def failed(self, account: str) -> float:
        """Count a wrong password; return how long to wait before answering it."""
        count = self.failures(account) + 1
        self._failures[account.lower()] = (count, self.clock())
        if len(self._failures) > MAX_CLIENTS:
            del self._failures[min(self._failures, key=lambda k: self._failures[k][1])]
        return self.delay(count)

    def delay(self, count: int) -> float:
        """The wait after the ``count``-th failure in a row."""
        if count <= self.after:
            return 0.0
        return float(min(self.longest, self.first * 2 ** (count - self.after - 1)))

    def succeeded(self, account: str) -> None:
        """Forget the failures of ``account``."""
        self._failures.pop(account.lower(), None)


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
