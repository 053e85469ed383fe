"""Statistics and records for the load benchmark: percentiles, trends, machine load, JSON.

Pure functions (no timing, no I/O but :func:`write_json`, and :func:`machine` and
:func:`commit`, which live in :mod:`launch.provenance` for the evaluations too), so the
tests can check them. Every file :func:`write_json` writes
says what it was measured on and which code measured it.
"""

from __future__ import annotations

import json
import statistics
from pathlib import Path
from typing import Any, Dict, List, Sequence, Tuple

from launch.provenance import ROOT as ROOT
from launch.provenance import commit as commit
from launch.provenance import load_average as load_average
from launch.provenance import machine as machine


def percentile(values: Sequence[float], fraction: float) -> float:
    """The value at ``fraction`` (0..1) of the sorted values, linear between ranks.

    Raises:
        ValueError: on no values or a fraction outside 0..1.

    """
    if not values:
        raise ValueError("percentile of no values")
    if not 0.0 <= fraction <= 1.0:
        raise ValueError(f"fraction {fraction} is not between 0 and 1")
    ordered = sorted(values)
    position = fraction * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summarise(latencies_ms: Sequence[float], elapsed_s: float) -> Dict[str, Any]:
    """Count, p50/p95/p99, mean, max (ms) and throughput of one phase's latencies."""
    if not latencies_ms:
        return {"n": 0, "per_s": 0.0}
    return {
        "n": len(latencies_ms),
        "p50_ms": round(percentile(latencies_ms, 0.50), 1),
        "p95_ms": round(percentile(latencies_ms, 0.95), 1),
        "p99_ms": round(percentile(latencies_ms, 0.99), 1),
        "mean_ms": round(statistics.fmean(latencies_ms), 1),
        "max_ms": round(max(latencies_ms), 1),
        "per_s": round(len(latencies_ms) / elapsed_s, 2) if elapsed_s > 0 else 0.0,
    }


def slope(points: Sequence[Tuple[float, float]]) -> float:
    """The least-squares slope of ``(x, y)`` points (0 when x does not vary)."""
    if len(points) < 2:
        return 0.0
    mean_x = statistics.fmean(x for x, _ in points)
    mean_y = statistics.fmean(y for _, y in points)
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    if spread == 0:
        return 0.0
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / spread


def window_rate(times_s: Sequence[float], start_s: float, end_s: float) -> float:
    """Events per second between ``start_s`` and ``end_s`` (0 for an empty window)."""
    if end_s <= start_s:
        return 0.0
    return sum(1 for t in times_s if start_s <= t < end_s) / (end_s - start_s)


def capacity(steps: Sequence[Dict[str, Any]], p95_limit_ms: float) -> float:
    """The highest turns/s sustained by an open-loop step whose p95 stayed within the limit.

    A step counts only if it had answers, no errors, and kept up with its offered load
    (its steady-state throughput ``per_s_steady`` reached 90% of ``offered_per_s``); it
    then counts with its steady-state throughput.
    """
    good = [
        float(step["per_s_steady"])
        for step in steps
        if step.get("n", 0) > 0
        and not step.get("errors", 0)
        and step.get("p95_ms", float("inf")) <= p95_limit_ms
        and step.get("per_s_steady", 0.0) >= 0.9 * step.get("offered_per_s", 0.0)
    ]
    return round(max(good, default=0.0), 2)


def write_json(path: Path, data: Dict[str, Any]) -> None:
    """Write ``data`` as indented JSON (creating the folder), atomically, with its provenance.

    The file gets ``data`` plus ``machine`` (cores, Python, platform; ``load_average``
    is the caller's :func:`machine` from the start of the run, or ``None`` when it gave
    none, and ``load_average_at_end`` is taken now) and ``commit`` (:func:`commit`,
    unless ``data`` has one). ``data`` itself is not changed.
    """
    record = dict(data)
    if "machine" in record:
        measured_on = dict(record["machine"])
    else:
        measured_on = {**machine(), "load_average": None}
    measured_on["load_average_at_end"] = load_average()
    record["machine"] = measured_on
    record.setdefault("commit", commit())
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(path.suffix + ".partial")
    partial.write_text(json.dumps(record, indent=2, sort_keys=False) + "\n", encoding="utf-8")
    partial.replace(path)


def rss_trend(samples: List[Tuple[float, float]]) -> Dict[str, Any]:
    """Start, end, peak and slope (MB per 1,000 turns) of ``(turns, rss_mb)`` samples."""
    if not samples:
        return {"samples": 0}
    return {
        "samples": len(samples),
        "start_mb": round(samples[0][1], 1),
        "end_mb": round(samples[-1][1], 1),
        "peak_mb": round(max(mb for _, mb in samples), 1),
        "slope_mb_per_1000_turns": round(slope(samples) * 1000, 2),
    }
