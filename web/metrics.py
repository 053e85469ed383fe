"""Request counts and latency by route, and enquiries by status, with ``prometheus_client``.

Each app has its own registry (tests build many apps). The enquiry counts are read
from the database at most every :data:`ENQUIRY_COUNTS_TTL` seconds, however often
``/metrics`` is scraped.
"""

from __future__ import annotations

import time
from typing import Callable, Mapping, Optional

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_PLAIN_0_0_4

#: latency histogram bucket bounds, in seconds
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
#: the text format 0.0.4, which every Prometheus reads
CONTENT_TYPE = CONTENT_TYPE_PLAIN_0_0_4
#: how long the enquiry counts are kept before the database is asked again
ENQUIRY_COUNTS_TTL = 30.0


class Metrics:
    """The web front's metrics in their own registry; :meth:`render` writes them out."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "pathways_web_requests", "HTTP requests by method, route and status.",
            ["method", "route", "status"], registry=self.registry,
        )  # fmt: skip
        self.latency = Histogram(
            "pathways_web_request_duration_seconds", "Time to answer, by method and route.",
            ["method", "route"], buckets=BUCKETS, registry=self.registry,
        )  # fmt: skip
        self.enquiries = Gauge("pathways_enquiries", "Enquiries by status.", ["status"],
                               registry=self.registry)  # fmt: skip
        self.clock = clock
        self.counted_at: Optional[float] = None

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        """Count one request to ``route`` (its pattern, not the raw path)."""
        self.requests.labels(method, route, str(status)).inc()
        self.latency.labels(method, route).observe(seconds)

    def enquiry_counts_stale(self) -> bool:
        """Whether the enquiry counts should be read again."""
        return self.counted_at is None or self.clock() - self.counted_at >= ENQUIRY_COUNTS_TTL

    def set_enquiry_counts(self, by_status: Mapping[str, int]) -> None:
        """Replace the enquiry counts by status."""
        self.enquiries.clear()
        for status, total in by_status.items():
            self.enquiries.labels(status).set(total)
        self.counted_at = self.clock()

    def render(self) -> bytes:
        """The text exposition format."""
        return generate_latest(self.registry)
