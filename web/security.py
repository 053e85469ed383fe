"""Passwords (argon2), CSRF tokens, the login limiter and the public token buckets."""

from __future__ import annotations

import hmac
import secrets
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Callable, Deque, Dict, Optional, Tuple

import argon2
from argon2.exceptions import InvalidHashError, VerificationError

#: a hash checked when the email is unknown, so both cases take the same time
_DUMMY_PASSWORD = "not a password"
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
class LoginLimiter:
    """Refuses logins for a (client, email) pair after too many recent failures."""

    max_failures: int = 5
    window: float = 300.0
    clock: Callable[[], float] = time.monotonic
    _failures: Dict[Tuple[str, str], Deque[float]] = field(default_factory=dict)

    def _recent(self, key: Tuple[str, str]) -> Deque[float]:
        now = self.clock()
        times = self._failures.get(key, deque())
        while times and now - times[0] > self.window:
            times.popleft()
        return times

    def blocked(self, client: str, email: str) -> bool:
        """True if this pair has used up its failures in the window."""
        return len(self._recent((client, email.lower()))) >= self.max_failures

    def retry_after(self, client: str, email: str) -> int:
        """Seconds until the oldest counted failure leaves the window."""
        times = self._recent((client, email.lower()))
        if not times:
            return 0
        return max(1, int(self.window - (self.clock() - times[0])) + 1)

    def failed(self, client: str, email: str) -> None:
        """Count a failed login."""
        key = (client, email.lower())
        times = self._recent(key)
        times.append(self.clock())
        self._failures[key] = times
        if len(self._failures) > MAX_CLIENTS:
            del self._failures[min(self._failures, key=self._last_failure)]

    def _last_failure(self, key: Tuple[str, str]) -> float:
        times = self._failures[key]
        return times[-1] if times else 0.0

    def succeeded(self, client: str, email: str) -> None:
        """Forget the failures of this pair."""
        self._failures.pop((client, email.lower()), None)


@dataclass
class TokenBuckets:
    """One token bucket per client: ``rate`` tokens a second, up to ``burst``."""

    rate: float = 10.0
    burst: int = 60
    clock: Callable[[], float] = time.monotonic
    _buckets: Dict[str, Tuple[float, float]] = field(default_factory=dict)

    def take(self, client: str) -> bool:
        """Take a token for ``client``; False when the bucket is empty."""
        now = self.clock()
        tokens, last = self._buckets.get(client, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - last) * self.rate)
        allowed = tokens >= 1.0
        self._buckets[client] = (tokens - 1.0 if allowed else tokens, now)
        if len(self._buckets) > MAX_CLIENTS:
            idlest = min(self._buckets, key=lambda k: self._buckets[k][1])
            del self._buckets[idlest]
        return allowed
