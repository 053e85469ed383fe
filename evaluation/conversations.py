"""Whole conversations on networks the model never saw: ``make eval-conversations``.

For each network: import its folder into a scratch database (with the shipped Ofqual
titles), train the assistant on it as ``make train`` would, start the real action and
Rasa servers, play every scenario of ``evaluation/scenarios/<network>.yml`` over the
REST channel (one learner per scenario), and judge each reply. The pass rate, overall
and by category, goes to ``bench/results/conversations.json``, with every failing turn
and the reply it got. Nothing is tuned here; numbers are measured.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

from evaluation.scenarios import SETS, Scenario, ScenarioSet, load, reply_text, scenario_file
from evaluation.servers import Servers, prepare, train
from launch.provenance import commit, load_average, machine
from pathways_catalogue.settings import DEMO_NETWORK, PROJECT_ROOT

RESULTS = PROJECT_ROOT / "bench" / "results" / "conversations.json"
#: where network folders are looked for, by slug
NETWORK_DIRS = (
    PROJECT_ROOT / "evaluation" / "networks",
    PROJECT_ROOT / "tests" / "data" / "networks",
    DEMO_NETWORK.parent,
)
#: the networks evaluated by default: the evaluation network and the demo network
DEFAULT_NETWORKS = ("severn_marches", "vale_and_wolds")
#: the pass rate each network must reach
TARGET = 0.95


def network_folder(slug: str) -> Path:
    """The folder of the network ``slug``.

    Raises:
        FileNotFoundError: if no known folder holds it.

    """
    for parent in NETWORK_DIRS:
        if (parent / slug / "courses.csv").exists():
            return parent / slug
    raise FileNotFoundError(f"no network folder called {slug!r} in {NETWORK_DIRS}")


def play(servers: Servers, scenario: Scenario, latencies: List[float]) -> Dict[str, Any]:
    """Hold one conversation; return its result (with the failing turns)."""
    sender = f"eval-{scenario.id}-{uuid.uuid4().hex[:6]}"
    failures = []
    for number, turn in enumerate(scenario.turns, start=1):
        started = time.perf_counter()
        try:
            reply = reply_text(servers.say(sender, turn.user))
        except OSError as error:
            reply, problems = "", [f"request failed: {error}"]
        else:
            problems = turn.problems(reply)
        latencies.append(time.perf_counter() - started)
        if problems:
            failures.append(
                {"turn": number, "user": turn.user, "reply": reply, "problems": problems}
            )
    return {"id": scenario.id, "category": scenario.category, "passed": not failures,
            "failures": failures}  # fmt: skip


def summarise(results: Sequence[Dict[str, Any]]) -> Dict[str, Any]:
    """Pass rates overall and by category."""
    by_category: Dict[str, List[bool]] = defaultdict(list)
    for result in results:
        by_category[result["category"]].append(result["passed"])
    passed = sum(r["passed"] for r in results)
    return {
        "scenarios": len(results),
        "passed": passed,
        "pass_rate": round(passed / len(results), 4) if results else None,
        "by_category": {
            name: {"scenarios": len(v), "passed": sum(v), "pass_rate": round(sum(v) / len(v), 4)}
            for name, v in sorted(by_category.items())
        },
    }


def evaluate_network(
    scenarios: ScenarioSet, workdir: Path, only: Optional[str] = None
) -> Dict[str, Any]:
    """Build, train and serve the assistant for one network; play its scenarios."""
    folder = network_folder(scenarios.network)
    deployment = prepare(workdir / scenarios.network, folder, scenarios.network)
    train_s = train(deployment)
    latencies: List[float] = []
    chosen = [s for s in scenarios.scenarios if only is None or only in s.id]
    with Servers(deployment) as servers:
        results = [play(servers, s, latencies) for s in chosen]
    report = summarise(results)
    ordered = sorted(latencies)
    report.update(
        network=scenarios.network,
        turns=len(latencies),
        train_s=round(train_s, 1),
        turn_latency_ms={
            "p50": round(statistics.median(ordered) * 1000) if ordered else None,
            "p95": round(ordered[int(0.95 * (len(ordered) - 1))] * 1000) if ordered else None,
        },
        failures=[r for r in results if not r["passed"]],
    )
    return report


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Command line entry point; exits 1 if a network is under the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--network", action="append", help="slug (repeatable); default: "
                        + ", ".join(DEFAULT_NETWORKS))  # fmt: skip
    parser.add_argument("--only", help="play only scenarios whose id contains this")
    parser.add_argument("--set", choices=SETS, dest="scenario_set",
                        help="play this set (evaluation/scenarios/SET/) instead of the main one")
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--workdir", type=Path, help="keep databases, models and logs here")
    parser.add_argument("--target", type=float, default=TARGET)
    args = parser.parse_args(argv)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="pathways-conversations-"))
    measured_on = machine()  # (the load at the start; the end's is added below)
    results: Dict[str, Any] = {}
    if args.out.exists():
        results = json.loads(args.out.read_text(encoding="utf-8")).get("networks", {})
    ok = True
    for slug in args.network or DEFAULT_NETWORKS:
        report = evaluate_network(load(scenario_file(slug, args.scenario_set)), work, args.only)
        key = f"{args.scenario_set}/{slug}" if args.scenario_set else slug
        results[key] = report
        ok &= (report["pass_rate"] or 0) >= args.target
        print(f"{slug}: {report['passed']}/{report['scenarios']} scenarios passed "
              f"({report['pass_rate'] or 0:.1%}); logs in {work / slug}")  # fmt: skip
        for name, cat in report["by_category"].items():
            print(f"  {name:16} {cat['passed']}/{cat['scenarios']}")
    out = {
        "benchmark": "conversations",
        "generated": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "machine": {**measured_on, "load_average_at_end": load_average()},
        "commit": commit(),
        "target": args.target,
        "networks": results,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"results: {args.out}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
