"""Turn latency of two versions of the assistant, in one run: ``python -m bench.ab_latency``.

Starts the real servers of this tree and of another checkout (``--other``, a git
worktree of an earlier commit) on the same network, each with its own catalogue
database and model (``--deployment`` and ``--other-deployment``, folders that
``evaluation.servers`` built: ``catalogue.db`` and ``models/<slug>.tar.gz``), then plays
the network's scenarios against both, alternating message by message, so both see the
same load. Writes p50/p95 per version and the load average to
``bench/results/ab_latency.json``. Numbers are measured, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Dict, List, Optional, Sequence

from bench.stats import load_average, machine, write_json
from evaluation.scenarios import load, scenario_file
from evaluation.servers import Deployment, Servers
from launch import rest
from pathways_catalogue.settings import PROJECT_ROOT

RESULTS = PROJECT_ROOT / "bench" / "results" / "ab_latency.json"
#: the script the other checkout runs: its own Servers, its address on stdout
_SERVE = """
import sys, time
from pathlib import Path
from evaluation.servers import Deployment, Servers
from launch import rest
with Servers(Deployment(sys.argv[1], Path(sys.argv[2]))) as servers:
    print(servers.rasa_url, flush=True)
    sys.stdin.read()
"""


def _percentiles(values: List[float]) -> Dict[str, Optional[float]]:
    ordered = sorted(values)
    if not ordered:
        return {"p50": None, "p95": None, "turns": 0}
    return {
        "p50": round(statistics.median(ordered) * 1000, 1),
        "p95": round(ordered[int(0.95 * (len(ordered) - 1))] * 1000, 1),
        "turns": len(ordered),
    }


def _timed_say(url: str, sender: str, text: str) -> float:
    """Seconds one learner message takes over REST (:func:`launch.rest.say`)."""
    started = time.perf_counter()
    rest.say(url, sender, text)
    return time.perf_counter() - started


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Serve both versions, alternate the scenarios' messages, write the percentiles."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--network", required=True, help="slug of the scenarios to play")
    parser.add_argument("--deployment", type=Path, required=True)
    parser.add_argument("--other", type=Path, required=True, help="the other checkout")
    parser.add_argument("--other-deployment", type=Path, required=True)
    parser.add_argument("--scenarios", type=int, default=40, help="how many to play")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    scenarios = load(scenario_file(args.network)).scenarios[: args.scenarios]
    other = subprocess.Popen(
        [sys.executable, "-c", _SERVE, args.network, str(args.other_deployment)],
        cwd=args.other, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(args.other)},
    )  # fmt: skip
    assert other.stdout is not None and other.stdin is not None
    try:
        other_url = other.stdout.readline().strip()
        with Servers(Deployment(args.network, args.deployment)) as servers:
            times: Dict[str, List[float]] = {"this": [], "other": []}
            before = load_average()
            urls = {"this": servers.rasa_url, "other": other_url}
            for number, scenario in enumerate(scenarios):
                sender = f"ab-{uuid.uuid4().hex[:8]}"
                order = ("this", "other") if number % 2 == 0 else ("other", "this")
                for turn in scenario.turns:
                    for which in order:  # who goes first changes with each scenario
                        times[which].append(_timed_say(urls[which], sender, turn.user))
            after = load_average()
    finally:
        other.stdin.close()
        other.wait(timeout=60)
    result = {
        "benchmark": "ab_latency", "generated": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "machine": machine(), "network": args.network, "other": str(args.other),
        "load_average_before": before, "load_average_after": after,
        "this": _percentiles(times["this"]), "other_version": _percentiles(times["other"]),
    }  # fmt: skip
    write_json(args.out, result)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
