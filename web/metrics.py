"""Request counts and latency by route, in the Prometheus text exposition format.

``prometheus_client`` is not among our dependencies, so the few metrics we keep are
written out by hand (format 0.0.4).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Dict, List, Mapping, Tuple

#: latency histogram bucket bounds, in seconds
BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


def _label(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


@dataclass
class _Histogram:
    counts: List[int] = field(default_factory=lambda: [0] * len(BUCKETS))
    total: float = 0.0
    count: int = 0


@dataclass
class Metrics:
    """Counters kept by the request middleware; :meth:`render` writes them out."""

    requests: Dict[Tuple[str, str, int], int] = field(default_factory=dict)
    latency: Dict[Tuple[str, str], _Histogram] = field(default_factory=dict)

    def observe(self, method: str, route: str, status: int, seconds: float) -> None:
        """Count one request to ``route`` (its pattern, not the raw path)."""
        key = (method, route, status)
        self.requests[key] = self.requests.get(key, 0) + 1
        histogram = self.latency.setdefault((method, route), _Histogram())
        index = bisect.bisect_left(BUCKETS, seconds)
        for i in range(index, len(BUCKETS)):
            histogram.counts[i] += 1
        histogram.total += seconds
        histogram.count += 1

    def render(self, enquiries_by_status: Mapping[str, int]) -> str:
        """The text format, with the current enquiry counts by status."""
        lines = [
            "# HELP pathways_web_requests_total HTTP requests by method, route and status.",
            "# TYPE pathways_web_requests_total counter",
        ]
        for (method, route, status), count in sorted(self.requests.items()):
            lines.append(
                f'pathways_web_requests_total{{method="{method}",route="{_label(route)}",'
                f'status="{status}"}} {count}'
            )
        lines += [
            "# HELP pathways_web_request_duration_seconds Time to answer, by method and route.",
            "# TYPE pathways_web_request_duration_seconds histogram",
        ]
        for (method, route), h in sorted(self.latency.items()):
            labels = f'method="{method}",route="{_label(route)}"'
            for bound, count in zip(BUCKETS, h.counts, strict=True):
                lines.append(
                    f'pathways_web_request_duration_seconds_bucket{{{labels},le="{bound}"}} {count}'
                )
            lines.append(
                f'pathways_web_request_duration_seconds_bucket{{{labels},le="+Inf"}} {h.count}'
            )
            lines.append(f"pathways_web_request_duration_seconds_sum{{{labels}}} {h.total:.6f}")
            lines.append(f"pathways_web_request_duration_seconds_count{{{labels}}} {h.count}")
        lines += [
            "# HELP pathways_enquiries Enquiries by status.",
            "# TYPE pathways_enquiries gauge",
        ]
        for name, total in sorted(enquiries_by_status.items()):
            lines.append(f'pathways_enquiries{{status="{_label(name)}"}} {total}')
        return "\n".join(lines) + "\n"
