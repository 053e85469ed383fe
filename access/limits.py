"""Rate limits on the ``limits`` library: moving windows, kept in memory or in Redis.

A limit is written as ``limits`` parses it, one or more rates separated by ``;``
("8 per 10 seconds; 40 per minute"); ``off`` (or empty) means no limit. Counts live in
``RATE_LIMIT_STORAGE_URL`` (``memory://``, one process; ``redis://...``, shared by
replicas). The scale profile (``PATHWAYS_PROFILE=scale``) uses its Redis unless that
variable says otherwise. If the store cannot be reached the request is let through
(and logged): a Redis outage must not silence every learner.
"""

from __future__ import annotations

import logging
import os
import time
from typing import List, Mapping, Optional
from urllib.parse import quote

from limits import RateLimitItem, parse_many
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

logger = logging.getLogger(__name__)

MEMORY = "memory://"
OFF = ("", "off", "none", "0")


def storage_url(env: Optional[Mapping[str, str]] = None) -> str:
    """``RATE_LIMIT_STORAGE_URL``; else the scale profile's Redis; else memory."""
    env = os.environ if env is None else env
    url = env.get("RATE_LIMIT_STORAGE_URL", "").strip()
    if url:
        return url
    if env.get("PATHWAYS_PROFILE", "local") == "scale" and env.get("REDIS_HOST"):
        password = quote(env.get("REDIS_PASSWORD", ""), safe="")
        auth = f":{password}@" if password else ""
        host, port = env["REDIS_HOST"], env.get("REDIS_PORT") or "6379"
        return f"redis://{auth}{host}:{port}/{env.get('REDIS_DB') or '0'}"
    return MEMORY


def parse_rates(text: str) -> List[RateLimitItem]:
    """The rates of ``text`` (none for ``off``).

    Raises:
        ValueError: if ``text`` is not a limit ``limits`` can read.

    """
    if text.strip().lower() in OFF:
        return []
    return list(parse_many(text))


class Limiter:
    """A moving-window limiter and the storage it counts in.

    ``limits`` keeps only a weak reference to its storage, so this holds the storage.
    """

    def __init__(self, url: str = MEMORY) -> None:
        self.storage = storage_from_string(url)
        self.strategy = MovingWindowRateLimiter(self.storage)


def moving_window(url: str = MEMORY) -> Limiter:
    """A moving-window limiter on the storage at ``url`` (connects lazily)."""
    return Limiter(url)


class RateLimit:
    """Some rates, counted per key in one limiter under one ``namespace``."""

    def __init__(self, namespace: str, rates: str, limiter: Limiter) -> None:
        self.namespace = namespace
        self.rates = parse_rates(rates)
        self.source = limiter  # keeps the storage alive
        self.limiter = limiter.strategy

    def __bool__(self) -> bool:
        """Whether there is any limit at all."""
        return bool(self.rates)

    def test(self, key: str) -> bool:
        """Whether ``key`` may go on now (nothing counted)."""
        try:
            return all(self.limiter.test(rate, self.namespace, key) for rate in self.rates)
        except Exception as error:  # the store is down: let it through
            logger.warning("rate limit %s not checked: %s", self.namespace, type(error).__name__)
            return True

    def count(self, key: str) -> None:
        """Count one use by ``key``, allowed or not by the rates."""
        try:
            for rate in self.rates:
                self.limiter.hit(rate, self.namespace, key)
        except Exception as error:
            logger.warning("rate limit %s not counted: %s", self.namespace, type(error).__name__)

    def hit(self, key: str) -> bool:
        """Count one use by ``key`` if every rate allows it; False (nothing counted) if not."""
        if not self.test(key):
            return False
        self.count(key)
        return True

    def clear(self, key: str) -> None:
        """Forget every use counted for ``key``."""
        try:
            for rate in self.rates:
                self.limiter.clear(rate, self.namespace, key)
        except Exception as error:
            logger.warning("rate limit %s not cleared: %s", self.namespace, type(error).__name__)

    def retry_after(self, key: str) -> int:
        """Seconds until ``key`` may go on again (at least 1)."""
        waits = [1]
        try:
            for rate in self.rates:
                reset, remaining = self.limiter.get_window_stats(rate, self.namespace, key)
                if remaining <= 0:
                    waits.append(int(reset - time.time()) + 1)
        except Exception:
            pass
        return max(waits)
