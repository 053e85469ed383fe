"""Where one turn's time goes: ``python -m bench.profile_turn`` (one learner, no load).

The Rasa side runs in this process: the deployment's model is loaded into an ``Agent``
with the real endpoints (the real action server, started by ``evaluation.servers``, and
the SQL tracker store), and the steps of :class:`rasa.core.processor.MessageProcessor`
are timed (wall clock) around each call: NLU, policies, the action server round trip,
tracker store reads and writes, and the rest. The action calls are recorded and then
replayed in this process through ``rasa_sdk``'s executor, timed and under
:mod:`cProfile`, to split the action server's time into database (SQLAlchemy and
SQLite), fuzzy matching (rapidfuzz), and the rest of the actions' Python.

Writes ``bench/results/profile_NETWORK.json`` and prints a Markdown table for
``docs/performance.md``.
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import cProfile
import functools
import json
import logging
import os
import pstats
import time
from collections import defaultdict
from contextlib import contextmanager
from typing import Any, Callable, Dict, Iterator, List, Sequence, Tuple

from bench import networks
from bench.stats import load_average, machine, write_json
from evaluation.servers import TOKEN_ENV, Servers
from pathways_catalogue.settings import PROJECT_ROOT

RESULTS = PROJECT_ROOT / "bench" / "results"
#: the processor steps timed on the Rasa side: (class path, method, label)
STEPS: Sequence[Tuple[str, str, str]] = (
    ("rasa.core.processor.MessageProcessor", "parse_message", "NLU (parse)"),
    ("rasa.core.processor.MessageProcessor", "predict_next_with_tracker_if_should", "policies"),
    ("rasa.core.actions.action.RemoteAction", "run", "action server call"),
    ("rasa.core.tracker_store.SQLTrackerStore", "retrieve", "tracker store read"),
    ("rasa.core.tracker_store.SQLTrackerStore", "retrieve_full_tracker", "tracker store read"),
    ("rasa.core.tracker_store.SQLTrackerStore", "save", "tracker store write"),
)
#: parts of the action server call, timed on the Rasa side (inside "action server call")
CALL_PARTS: Sequence[Tuple[str, str, str]] = (
    ("rasa.core.actions.action.RemoteAction", "_action_call_format", "build the request body"),
    ("rasa.shared.core.domain.Domain", "as_dict", "build the request body: domain"),
    ("rasa.utils.endpoints.EndpointConfig", "request", "HTTP round trip"),
    ("rasa.core.actions.action.RemoteAction", "_validate_action_result", "validate the response"),
)
#: how the action server's profile is split: (label, file path fragments)
ACTION_PARTS: Sequence[Tuple[str, Tuple[str, ...]]] = (
    ("database (SQLAlchemy + SQLite)", ("sqlalchemy", "sqlite3", "_sqlite")),
    ("fuzzy matching (rapidfuzz)", ("rapidfuzz",)),
    ("actions + catalogue Python", ("/actions/", "/pathways_catalogue/", "/enquiries/")),
)


class Stopwatch:
    """Wall time per label, added up over every wrapped call."""

    def __init__(self) -> None:
        self.ms: Dict[str, float] = defaultdict(float)
        self.calls: Dict[str, int] = defaultdict(int)

    def wrap(self, owner: Any, name: str, label: str) -> Callable[[], None]:
        """Time every call of ``owner.name`` (sync or async); return the undo."""
        original = getattr(owner, name)

        if asyncio.iscoroutinefunction(original):

            @functools.wraps(original)
            async def timed_async(*args: Any, **kwargs: Any) -> Any:
                started = time.perf_counter()
                try:
                    return await original(*args, **kwargs)
                finally:
                    self.add(label, started)

            setattr(owner, name, timed_async)
        else:

            @functools.wraps(original)
            def timed(*args: Any, **kwargs: Any) -> Any:
                started = time.perf_counter()
                try:
                    return original(*args, **kwargs)
                finally:
                    self.add(label, started)

            setattr(owner, name, timed)
        return lambda: setattr(owner, name, original)

    def add(self, label: str, started: float) -> None:
        """Add the time since ``started`` to ``label``."""
        self.ms[label] += (time.perf_counter() - started) * 1000
        self.calls[label] += 1


def _owner(path: str) -> Any:
    module, _, name = path.rpartition(".")
    return getattr(__import__(module, fromlist=[name]), name)


@contextmanager
def timed_steps(watch: Stopwatch, recorded: List[Dict[str, Any]]) -> Iterator[None]:
    """Time the processor steps and record the bodies Rasa sends to the action server."""
    from rasa.utils.endpoints import EndpointConfig

    undo = [watch.wrap(_owner(path), name, label) for path, name, label in (*STEPS, *CALL_PARTS)]
    original = EndpointConfig.request  # the timed one

    async def recording(self: EndpointConfig, *args: Any, **kwargs: Any) -> Any:
        if isinstance(kwargs.get("json"), dict) and "next_action" in kwargs["json"]:
            recorded.append(kwargs["json"])  # built afresh for every call
        return await original(self, *args, **kwargs)

    setattr(EndpointConfig, "request", recording)  # noqa: B010 (mypy: no method assignment)
    try:
        yield
    finally:
        setattr(EndpointConfig, "request", original)  # noqa: B010
        for step in undo:
            step()


async def rasa_side(servers: Servers, conversations: Sequence[Sequence[str]]) -> Dict[str, Any]:
    """Play the conversations through an in-process agent; the time of each step per turn."""
    from rasa.core.agent import load_agent
    from rasa.core.utils import AvailableEndpoints
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    configure_logging_and_warnings(logging.INFO)  # as `rasa run` logs by default
    configure_structlog(logging.INFO)
    from bot import action_validation

    action_validation.install()  # as bot.server does
    endpoints = AvailableEndpoints.read_endpoints(str(PROJECT_ROOT / "bot" / "endpoints.yml"))
    agent = await load_agent(model_path=str(servers.deployment.model), endpoints=endpoints)
    run = f"profile-{time.time_ns()}"  # the tracker store outlives a run: new learners each time
    await agent.handle_text("hi", sender_id=f"{run}-warm-up")  # lazy loading, not counted
    watch, recorded = Stopwatch(), []  # type: Tuple[Stopwatch, List[Dict[str, Any]]]
    totals: List[float] = []
    with timed_steps(watch, recorded):
        for number, conversation in enumerate(conversations):
            for text in conversation:
                started = time.perf_counter()
                await agent.handle_text(text, sender_id=f"{run}-{number}")
                totals.append((time.perf_counter() - started) * 1000)
    turns = len(totals)
    parts = {label for _path, _name, label in CALL_PARTS}
    steps = {label: round(ms / turns, 1) for label, ms in watch.ms.items() if label not in parts}
    steps["other (events, domain, channel, action_listen, ...)"] = round(
        (sum(totals) - sum(ms for label, ms in watch.ms.items() if label not in parts)) / turns, 1
    )
    return {
        "turns": turns,
        "turn_mean_ms": round(sum(totals) / turns, 1),
        "mean_ms_per_turn": steps,
        "action_call_parts_ms_per_turn": {
            label: round(ms / turns, 1) for label, ms in watch.ms.items() if label in parts
        },
        "calls_per_turn": {label: round(n / turns, 2) for label, n in watch.calls.items()},
        "action_call_body_kb_mean": round(
            sum(len(json.dumps(call)) for call in recorded) / max(len(recorded), 1) / 1024, 1
        ),
        "action_calls": recorded,
    }


async def action_side(
    calls: Sequence[Dict[str, Any]], action_url: str, token: str, stats_file: str = ""
) -> Dict[str, Any]:
    """Replay recorded action calls: over HTTP to the real action server, then in process.

    Over HTTP with and without the domain in the body (Rasa sends it unless
    ``enable_selective_domain`` is set); in process timed, then under a profile split
    into :data:`ACTION_PARTS`.
    """
    import aiohttp
    from rasa_sdk.executor import ActionExecutor

    over_http: Dict[str, float] = {}
    headers = {"Authorization": f"Bearer {token}"}
    async with aiohttp.ClientSession(headers=headers) as http:
        for label, bodies in (
            ("with_domain", [dict(call) for call in calls]),
            (
                "without_domain",
                [{k: v for k, v in call.items() if k != "domain"} for call in calls],
            ),
        ):
            started = time.perf_counter()
            for body in bodies:
                async with http.post(action_url, json=body) as answer:
                    answer.raise_for_status()  # a refused call would time nothing
                    await answer.read()
            over_http[label] = round((time.perf_counter() - started) * 1000 / len(calls), 2)
    executor = ActionExecutor()
    executor.register_package("actions")
    for call in calls[:3]:  # warm-up: engine, caches
        await executor.run(copy.deepcopy(call))
    copies = [copy.deepcopy(call) for call in calls]
    started = time.perf_counter()
    for call in copies:
        await executor.run(call)
    wall_ms = (time.perf_counter() - started) * 1000 / max(len(calls), 1)
    copies = [copy.deepcopy(call) for call in calls]
    profiler = cProfile.Profile()
    with inline_threads():  # cProfile sees only this thread
        profiler.enable()
        for call in copies:
            await executor.run(call)
        profiler.disable()
    stats = pstats.Stats(profiler)
    if stats_file:
        stats.dump_stats(stats_file)  # for pstats / snakeviz: callers, cumulative time
    shares = profile_shares(stats)
    return {
        "top_own_time": top_functions(stats, 15),
        "calls": len(calls),
        "http_round_trip_ms": over_http,
        "in_process_call_mean_ms": round(wall_ms, 2),
        "share_of_cpu": {k: round(v, 3) for k, v in shares.items()},
        "mean_ms_per_call": {k: round(v * wall_ms, 2) for k, v in shares.items()},
    }


@contextmanager
def inline_threads() -> Iterator[None]:
    """Run ``asyncio.to_thread`` work inline, in the calling thread, for the profiler."""
    original = asyncio.to_thread

    async def inline(func: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Any:
        return func(*args, **kwargs)

    setattr(asyncio, "to_thread", inline)  # noqa: B010 (mypy: no function assignment)
    try:
        yield
    finally:
        setattr(asyncio, "to_thread", original)  # noqa: B010


def profile_shares(stats: pstats.Stats) -> Dict[str, float]:
    """The share of the profiled own time (tottime) in each of :data:`ACTION_PARTS`."""
    own: Dict[str, float] = defaultdict(float)
    table: Dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    for (filename, _line, _name), (_cc, _nc, tottime, _ct, _callers) in table.items():
        label = "other (rasa_sdk, asyncio, ...)"
        for part, fragments in ACTION_PARTS:
            if any(fragment in filename for fragment in fragments):
                label = part
                break
        own[label] += tottime
    total = sum(own.values()) or 1.0
    return {label: seconds / total for label, seconds in sorted(own.items())}


def top_functions(stats: pstats.Stats, count: int) -> List[str]:
    """The functions with the most own time (tottime), as ``seconds file:line(name)``."""
    table: Dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    ranked = sorted(table.items(), key=lambda item: -item[1][2])[:count]
    return [
        f"{values[2]:.3f}s {'/'.join(key[0].split('/')[-2:])}:{key[1]}({key[2]})"
        for key, values in ranked
    ]


def table(result: Dict[str, Any]) -> str:
    """A Markdown table of the breakdown (Rasa steps, then the action server's parts)."""
    rasa, actions = result["rasa"], result["actions"]
    lines = ["| step | ms per turn | share |", "|---|---:|---:|"]
    total = rasa["turn_mean_ms"]
    for label, ms in sorted(rasa["mean_ms_per_turn"].items(), key=lambda kv: -kv[1]):
        lines.append(f"| {label} | {ms} | {ms / total:.0%} |")
    lines.append(f"| **whole turn** | **{total}** | 100% |")
    per_turn = rasa["calls_per_turn"].get("action server call", 0.0)
    for label, ms in rasa["action_call_parts_ms_per_turn"].items():
        lines.append(f"| &nbsp;&nbsp;*action call, Rasa side: {label}* | {ms} | |")
    http = actions["http_round_trip_ms"]
    lines.append(
        f"| *action call replayed over HTTP (with / without domain)* | "
        f"{http['with_domain'] * per_turn:.1f} / {http['without_domain'] * per_turn:.1f} | |"
    )
    lines.append(
        f"| *inside the action server, in process ({per_turn} calls per turn):* | "
        f"{actions['in_process_call_mean_ms'] * per_turn:.1f} | |"
    )
    for label, ms in actions["mean_ms_per_call"].items():
        lines.append(f"| &nbsp;&nbsp;{label} | {ms * per_turn:.1f} | |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    """Deploy the demo (or synthetic) network, profile, write JSON, print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--network", choices=("demo", "synthetic"), default="demo")
    parser.add_argument("--courses", type=int, default=50_000)
    parser.add_argument("--conversations", type=int, default=30)
    parser.add_argument("--stats", default="", help="also write the action server's cProfile")
    args = parser.parse_args(argv)
    network = networks.demo() if args.network == "demo" else networks.synthetic(args.courses)
    conversations = network.conversations[: args.conversations]
    result: Dict[str, Any] = {"benchmark": "profile", "network": args.network, "machine": machine()}
    servers = Servers(network.deployment)
    servers.start_actions()  # the Rasa side runs in this process
    try:
        token = servers.extra_env[TOKEN_ENV]  # the action server refuses calls without it
        os.environ.update(
            network.deployment.env(ACTION_ENDPOINT_URL=servers.action_url, **{TOKEN_ENV: token})
        )
        result["rasa"] = asyncio.run(rasa_side(servers, conversations))
        calls = result["rasa"].pop("action_calls")
        result["actions"] = asyncio.run(action_side(calls, servers.action_url, token, args.stats))
    finally:
        servers.stop()
    result["load_average_at_end"] = load_average()
    write_json(RESULTS / f"profile_{args.network}.json", result)
    print(table(result))


if __name__ == "__main__":
    main()
