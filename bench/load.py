"""Load benchmark of the whole assistant: ``make bench`` (``python -m bench.load --help``).

For each network (the demo network and a synthetic 50,000-course one) it deploys the
assistant as ``make run`` does (``evaluation.servers``: real action and Rasa servers on
loopback, Rasa's HTTP API on with a random token for the baseline), then measures:

- **closed loop**: 1, 10 and 50 learners talking back to back; per-turn p50/p95/p99 and
  turns/s, and the same for a bare ``/model/parse`` of the same texts (the baseline);
- **open loop**: learners arriving at a fixed rate, each thinking a few seconds between
  messages, stepped up until p95 passes 500 ms; the capacity is the highest turns/s
  sustained with p95 ≤ 500 ms;
- the Rasa server's RSS throughout, and (demo network) a long run of 10,000 turns with
  the RSS trend; for the synthetic network, the training time and the time from
  starting ``rasa run`` to the first answer.

Writes ``bench/results/bench.json`` and the plot ``docs/img/bench_latency.png``. Every
number sits next to the machine's load average when it was taken. Numbers are
measured, never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

from bench import networks, plot
from bench.driver import (
    Outcome,
    RssSampler,
    Target,
    client,
    closed_loop,
    open_loop,
    parse_loop,
    rss_mb,
    say,
    sender_id,
)
from bench.stats import (
    capacity,
    load_average,
    machine,
    rss_trend,
    summarise,
    window_rate,
    write_json,
)
from evaluation.servers import Deployment, Servers
from pathways_catalogue.settings import PROJECT_ROOT

RESULTS = PROJECT_ROOT / "bench" / "results"
PLOT = PROJECT_ROOT / "docs" / "img" / "bench_latency.png"
P95_LIMIT_MS = 500.0
TARGETS = {
    "one_learner_p50_vs_parse_max_ratio": 2.0,
    "one_learner_p95_ms": 150,
    "capacity_turns_per_s_min": 20,
    "capacity_p95_ms": P95_LIMIT_MS,
    "synthetic_vs_demo_latency_max_increase": 0.20,
    "rss_after_10000_turns_mb": 1536,
}


@dataclass(frozen=True)
class Plan:
    """How much load each phase sends."""

    learners: Sequence[int] = (1, 10, 50)
    turns_per_learner: int = 10
    min_turns: int = 100
    open_steps: Sequence[float] = (1, 2, 3, 5, 8, 12, 16, 20, 25, 30, 40)
    open_duration_s: float = 30.0
    think_s: float = 3.0
    long_turns: int = 10_000
    long_learners: int = 10
    long_minutes: float = 0.0  # 0: no time limit

    def turns(self, learners: int) -> int:
        """How many turns a closed-loop phase with ``learners`` learners sends."""
        return max(self.min_turns, learners * self.turns_per_learner)


QUICK = Plan(
    learners=(1, 10), turns_per_learner=4, min_turns=20, open_steps=(2, 5),
    open_duration_s=12.0, think_s=1.0, long_turns=200, long_learners=5,
)  # fmt: skip


def stamped(summary: Dict[str, Any], outcome: Outcome) -> Dict[str, Any]:
    """A phase's summary with its errors and the load average at the time."""
    summary.update(errors=outcome.errors, load_average=load_average())
    if outcome.error_examples:
        summary["error_examples"] = outcome.error_examples
    return summary


async def closed_phase(target: Target, network: networks.Network, plan: Plan) -> List[Any]:
    """Closed loop at each concurrency, full turns then bare parses of the same texts."""
    rows = []
    for learners in plan.learners:
        turns = plan.turns(learners)
        full = await closed_loop(target, network.conversations, learners, turns)
        turn = stamped(summarise(full.latencies_ms, full.elapsed_s), full)
        bare = await parse_loop(target, network.texts, learners, turns)
        row: Dict[str, Any] = {
            "learners": learners,
            "turn": turn,
            "parse": stamped(summarise(bare.latencies_ms, bare.elapsed_s), bare),
        }
        if full.latencies_ms and bare.latencies_ms:
            row["ratio_turn_to_parse"] = {
                key: round(row["turn"][key] / max(row["parse"][key], 0.1), 2)
                for key in ("p50_ms", "p95_ms", "p99_ms")
            }
        print(
            f"  closed {learners:>3} learners: {_brief(row['turn'])} | parse {_brief(row['parse'])}"
        )
        rows.append(row)
    return rows


async def open_phase(target: Target, network: networks.Network, plan: Plan) -> Dict[str, Any]:
    """Open loop, stepping the offered turns/s up until p95 passes the limit (or errors)."""
    steps = []
    for offered in plan.open_steps:
        outcome, arrivals = await open_loop(
            target, network.conversations, offered, plan.open_duration_s, plan.think_s
        )
        step = stamped(summarise(outcome.latencies_ms, outcome.elapsed_s), outcome)
        step.update(
            offered_per_s=offered,
            arrivals_per_s=round(arrivals, 3),
            per_s_steady=round(window_rate(
                outcome.answered_at_s, plan.open_duration_s / 4, plan.open_duration_s
            ), 2),
        )  # fmt: skip
        print(
            f"  open {offered:>5} turns/s offered: {_brief(step)}, steady {step['per_s_steady']}/s"
        )
        steps.append(step)
        if outcome.errors or step.get("p95_ms", 0.0) > P95_LIMIT_MS:
            break
    return {
        "think_s": plan.think_s,
        "step_duration_s": plan.open_duration_s,
        "steps": steps,
        "capacity_turns_per_s": capacity(steps, P95_LIMIT_MS),
        "capacity_rule": f"highest steady turns/s with p95 <= {P95_LIMIT_MS:.0f} ms, no errors",
    }


async def long_phase(target: Target, network: networks.Network, pid: int, plan: Plan) -> Any:
    """A long closed-loop run; the Rasa server's RSS against the turns answered."""
    outcome = Outcome()
    sampler = RssSampler(pid, lambda: len(outcome.latencies_ms), every_s=2.0)
    sampler.start()
    deadline = time.perf_counter() + plan.long_minutes * 60 if plan.long_minutes else None
    await closed_loop(
        target, network.conversations, plan.long_learners, plan.long_turns, outcome, deadline
    )
    await sampler.stop()
    result = stamped(summarise(outcome.latencies_ms, outcome.elapsed_s), outcome)
    result.update(
        learners=plan.long_learners, turns_planned=plan.long_turns, rss=rss_trend(sampler.samples)
    )
    result["rss"]["every_500_turns"] = _thinned(sampler.samples, 500)
    print(f"  long run {plan.long_turns} turns: {_brief(result)}, rss {result['rss']}")
    return result


@dataclass(frozen=True)
class Running:
    """A running assistant: where it answers, its Rasa process and when that started."""

    target: Target
    pid: int = 0  # 0: not known (no RSS)
    started_at: float = 0.0  # time.perf_counter() at ``rasa run``; 0: not known


async def measure(running: Running, network: networks.Network, plan: Plan, long: str) -> Any:
    """Every phase against one running deployment."""
    target, pid = running.target, running.pid
    out: Dict[str, Any] = {"rss_mb_at_start": round(rss_mb(pid), 1) if pid else None}
    async with client(1) as http:  # the first answer (loads the model's lazy parts)
        await say(http, target, sender_id("first"), network.conversations[0][0])
    if running.started_at:
        out["start_to_first_answer_s"] = round(time.perf_counter() - running.started_at, 1)
        out["load_average_at_first_answer"] = load_average()
    await closed_loop(target, network.conversations, 2, 20)  # warm-up, not recorded
    if long != "only":
        out["closed_loop"] = await closed_phase(target, network, plan)
        out["rss_mb_after_closed_loop"] = round(rss_mb(pid), 1) if pid else None
    if long != "only" and plan.open_steps:
        out["open_loop"] = await open_phase(target, network, plan)
        out["rss_mb_after_open_loop"] = round(rss_mb(pid), 1) if pid else None
    if long in ("with", "only") and pid:
        out["long_run"] = await long_phase(target, network, pid, plan)
    return out


def run_network(network: networks.Network, plan: Plan, long: str) -> Dict[str, Any]:
    """Start the servers of a deployed network, measure, stop them."""
    token = secrets.token_urlsafe(24)
    with Servers(network.deployment, api_token=token) as servers:
        running = Running(
            Target(servers.rasa_url, token), servers.rasa_pid or 0, servers.rasa_started_at
        )
        result = asyncio.run(measure(running, network, plan, long))
    return {
        "build": network.build,
        "conversations": len(network.conversations),
        "turns_per_conversation": round(len(network.texts) / len(network.conversations), 2),
        **result,
    }


def run_external(url: str, token: str, plan: Plan, rest_token: str = "") -> Dict[str, Any]:
    """Measure an assistant already running at ``url`` serving the demo network.

    For a deployment this tool does not start, e.g. the scale profile (``make
    scale-up``): the same phases, with the parse baseline only if ``token`` opens
    Rasa's HTTP API, and no RSS (the process is not ours). ``rest_token`` is the REST
    channel's token when it requires one (the scale profile's ``REST_CHANNEL_TOKEN``).
    """
    network = networks.Network(Deployment("external", Path()), networks.demo_conversations(), {})
    target = Target(url.rstrip("/"), token, rest_token)
    result = asyncio.run(measure(Running(target), network, plan, "skip"))
    return {"url": url, "conversations": len(network.conversations), **result}


def verdicts(results: Dict[str, Any]) -> Dict[str, Any]:
    """Each target against what was measured (None where it was not measured)."""
    demo = results["networks"].get("demo", {})
    synthetic = results["networks"].get("synthetic", {})
    one = _row(demo, 1)
    out: Dict[str, Any] = {}
    if one:
        ratio = one.get("ratio_turn_to_parse", {}).get("p50_ms")
        out["one_learner_p50_at_most_2x_parse"] = {
            "ratio": ratio,
            "met": ratio is not None and ratio <= 2.0,
        }
        p95 = one["turn"].get("p95_ms")
        out["one_learner_p95_at_most_150_ms"] = {
            "p95_ms": p95,
            "met": p95 is not None and p95 <= 150,
        }
    if demo.get("open_loop"):
        cap = demo["open_loop"]["capacity_turns_per_s"]
        out["capacity_at_least_20_turns_per_s"] = {"turns_per_s": cap, "met": cap >= 20}
    big, small = _row(synthetic, 1), one
    if big and small:
        increase = {
            key: round(big["turn"][key] / small["turn"][key] - 1, 3) for key in ("p50_ms", "p95_ms")
        }
        out["synthetic_within_20_percent_of_demo"] = {
            "increase_one_learner": increase,
            "met": max(increase.values()) <= 0.20,
        }
    long_run = demo.get("long_run")
    if long_run and long_run.get("n", 0) >= 10_000:
        end = long_run["rss"]["end_mb"]
        out["rss_at_most_1_5_gb_after_10000_turns"] = {"end_mb": end, "met": end <= 1536}
    return out


def _row(network: Dict[str, Any], learners: int) -> Optional[Dict[str, Any]]:
    for row in network.get("closed_loop", []):
        if row["learners"] == learners:
            return dict(row)
    return None


def _brief(summary: Dict[str, Any]) -> str:
    if not summary.get("n"):
        return f"no answers ({summary.get('errors', 0)} errors)"
    return (
        f"n={summary['n']} p50={summary['p50_ms']} p95={summary['p95_ms']} "
        f"p99={summary['p99_ms']} ms, {summary['per_s']}/s, errors={summary.get('errors', 0)}"
    )


def _numbers(text: str, kind: Callable[[str], Any]) -> Tuple[Any, ...]:
    return tuple(kind(part) for part in text.split(",") if part.strip())


def _separate_long_run(demo: Dict[str, Any], path: Path) -> None:
    """Report the long run of an earlier ``--long only`` run, marked as such."""
    if path.exists() and path.name.startswith("bench_long"):
        earlier = json.loads(path.read_text(encoding="utf-8"))
        long_run = earlier["networks"].get("demo", {}).get("long_run")
        if long_run:
            demo["long_run"] = {**long_run, "separate_run": str(path.name),
                                "at": earlier["machine"]["at"]}  # fmt: skip


def _thinned(samples: List[Any], every: int) -> List[List[float]]:
    kept: List[List[float]] = []
    for turns, mb in samples:
        if not kept or turns - kept[-1][0] >= every:
            kept.append([turns, round(mb, 1)])
    return kept


def _parser() -> argparse.ArgumentParser:
    """The command line of ``python -m bench.load``."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="a short run to check the tool")
    parser.add_argument(
        "--networks", help="comma-separated: demo, synthetic (default: both; --quick: demo)"
    )
    parser.add_argument(
        "--courses", type=int, default=50_000, help="courses of the synthetic network"
    )
    parser.add_argument(
        "--long", choices=("with", "skip", "only"), default="with",
        help="the long RSS run on the demo network: with the rest, skip it (a previous "
        "bench_long.json is then reported), or only it (written to bench_long.json)",
    )  # fmt: skip
    parser.add_argument("--long-turns", type=int, help="turns of the long run (default 10,000)")
    parser.add_argument("--long-minutes", type=float, help="stop the long run after this long")
    parser.add_argument("--learners", help="closed-loop concurrencies, e.g. 1,10,50")
    parser.add_argument("--min-turns", type=int, help="turns of each closed-loop phase (at least)")
    parser.add_argument("--open-steps", help="open-loop offered turns/s, e.g. 2,5,10 ('' for none)")
    parser.add_argument(
        "--workdir", type=Path, default=networks.WORKDIR, help="where deployments are kept"
    )
    parser.add_argument("--url", help="measure a running assistant (demo network) instead")
    parser.add_argument("--token", default="", help="with --url: its RASA_API_TOKEN, if any")
    parser.add_argument(
        "--rest-token", default=os.environ.get("REST_CHANNEL_TOKEN", ""),
        help="with --url: its REST channel's token (default: $REST_CHANNEL_TOKEN)",
    )  # fmt: skip
    parser.add_argument("--retrain", action="store_true", help="re-import and retrain the networks")
    parser.add_argument("--out", type=Path, help="the JSON file (default bench/results/bench.json)")
    parser.add_argument("--plot", type=Path, help="the PNG (default docs/img/bench_latency.png)")
    return parser


def _plan(args: argparse.Namespace) -> Plan:
    """The plan of the run: ``--quick`` or the full one, with the options' overrides."""
    plan = QUICK if args.quick else Plan()
    if args.long_turns:
        plan = Plan(**{**plan.__dict__, "long_turns": args.long_turns})
    if args.long_minutes:
        plan = Plan(**{**plan.__dict__, "long_minutes": args.long_minutes})
    if args.learners:
        plan = Plan(**{**plan.__dict__, "learners": _numbers(args.learners, int)})
    if args.open_steps is not None:
        plan = Plan(**{**plan.__dict__, "open_steps": _numbers(args.open_steps, float)})
    if args.min_turns:
        plan = Plan(**{**plan.__dict__, "min_turns": args.min_turns})
    return plan


def main(argv: Optional[Sequence[str]] = None) -> None:
    """Parse arguments, deploy, measure, and write the JSON and the plot."""
    parser = _parser()
    args = parser.parse_args(argv)
    plan = _plan(args)
    name = "bench_long" if args.long == "only" else "bench_external" if args.url else "bench"
    out = args.out or RESULTS / (f"{name}_quick.json" if args.quick else f"{name}.json")
    picture = args.plot or (RESULTS / "bench_quick.png" if args.quick else PLOT)
    results: Dict[str, Any] = {
        "benchmark": "load", "quick": args.quick, "machine": machine(),
        "plan": plan.__dict__, "targets": TARGETS, "networks": {},
    }  # fmt: skip
    chosen = args.networks or ("demo" if args.quick or args.long == "only" else "demo,synthetic")
    if args.url:
        results["networks"]["external"] = run_external(args.url, args.token, plan, args.rest_token)
        write_json(out, results)
        print(f"wrote {out}")
        return
    for name in chosen.split(","):
        print(f"{name}: deploying (import and training are reused when done before)")
        if name == "demo":
            network = networks.demo(args.retrain, args.workdir)
        elif name == "synthetic":
            courses = min(args.courses, 2_000) if args.quick else args.courses
            network = networks.synthetic(courses, args.retrain, root=args.workdir)
        else:
            parser.error(f"unknown network {name!r}")
        long = args.long if name == "demo" else "skip"
        print(f"{name}: measuring ({len(network.conversations)} conversations)")
        results["networks"][name] = run_network(network, plan, long)
        if long == "skip" and name == "demo":
            _separate_long_run(results["networks"][name], out.parent / out.name.replace(
                "bench", "bench_long", 1))  # fmt: skip
        write_json(out, results)  # what was measured so far survives a later failure
    results["verdicts"] = verdicts(results)
    results["machine"]["load_average_at_end"] = load_average()
    write_json(out, results)
    if args.long != "only":
        plot.latency(results, picture)
    print(f"wrote {out}" + ("" if args.long == "only" else f" and {picture}"))


if __name__ == "__main__":
    main()
