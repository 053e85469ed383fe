"""Start-up benchmark: from a trained model to the first answer (``python -m bench.startup``).

Each run starts the three servers of ``make run`` at once, as honcho does (the command
lines of :mod:`launch.commands`: the action server, the Rasa server through
``tools/rasa_server.sh``, the web front) on free loopback ports, for the demo
network deployed by :func:`bench.networks.demo` (the same deployment as ``make bench``;
the model is trained only if none is cached). It records, from the moment the servers
are started:

- when each server's health URL first answers 200;
- when a learner message over the REST channel first gets a real reply (the first
  message of the first demo conversation: it needs the action server and the course
  resolver; "something went wrong" does not count);
- how long the next message takes when it names a course only the Ofqual titles know
  (the first turn that needs their index, built at start or on first need);
- when marker lines appear in the logs (Rasa: imports done, model loading, server up;
  the action server: resolver ready, listening), and the CPU seconds each process used.

Several runs of each *variant* (``--variants``: environment switches of one change
each, see :data:`VARIANTS`), interleaved so that a change in the machine's load hits
every variant alike; the p50, min and max per measure. Writes
``bench/results/startup.json`` (``bench.stats.write_json``: machine, load average,
commit). Numbers are measured, never asserted.
"""

from __future__ import annotations

import argparse
import json
import secrets
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple

from bench import networks
from bench.stats import load_average, machine, percentile, write_json
from launch import commands, rest
from launch.process import free_port, spawn, stop
from pathways_catalogue.settings import PROJECT_ROOT

RESULTS = PROJECT_ROOT / "bench" / "results"
#: the goal of issue 16, item 4
TARGET_S = 20.0
#: each start-up change's switch (the changes are on unless switched off)
OFF = {
    "diet": {"PATHWAYS_DIET_FAST_LOAD": "0"},
    "ofqual_cache": {"PATHWAYS_OFQUAL_CACHE": "0"},
    "no_tensorflow": {"ACTION_SERVER_NO_TENSORFLOW": "0"},
    "background_trace": {"PATHWAYS_DIET_TRACE": "at-load"},
    "no_jax": {"RASA_SERVER_NO_JAX": "0"},
}
#: variant name -> the changes switched off (``baseline``: all; ``all``: none)
VARIANTS: Dict[str, Tuple[str, ...]] = {
    "baseline": tuple(OFF),
    "diet_fast_load": ("ofqual_cache", "no_tensorflow", "background_trace", "no_jax"),
    "ofqual_cache": ("diet", "no_tensorflow", "no_jax"),
    "no_tensorflow": ("diet", "ofqual_cache", "no_jax"),
    "all_but_background_trace": ("background_trace", "no_jax"),
    "all_but_no_jax": ("no_jax",),
    "all": (),
}
#: log lines whose first appearance is recorded: name -> (server, text)
MARKERS: Dict[str, Tuple[str, str]] = {
    "rasa_imports_done": ("rasa", "Starting Rasa server on"),
    "rasa_model_loading": ("rasa", "Loading model"),
    "rasa_up": ("rasa", "Rasa server is up and running"),
    "actions_resolver_ready": ("actions", "course resolver ready in"),
    "actions_listening": ("actions", "action server on http"),
}
#: a message naming a course only the Ofqual titles know (sent after the first answer)
OFQUAL_MESSAGE = "I'm doing a level 2 diploma in floristry"
#: part of the channels' reply when no real answer came (bot/channels/replies.py)
NOT_AN_ANSWER = "something went wrong"


def variant_env(name: str) -> Dict[str, str]:
    """The environment switches of variant ``name``."""
    env: Dict[str, str] = {}
    for change in VARIANTS[name]:
        env.update(OFF[change])
    return env


def is_real_answer(messages: Sequence[Mapping[str, Any]]) -> bool:
    """Whether the bot's messages are an answer (not none, not the error reply)."""
    texts = [str(m.get("text") or "") for m in messages]
    return bool(messages) and not any(NOT_AN_ANSWER in t.lower() for t in texts)


def first_times(
    lines: Sequence[Tuple[float, str, str]], markers: Mapping[str, Tuple[str, str]]
) -> Dict[str, float]:
    """When each marker first appears in ``(seconds, server, line)`` log lines."""
    found: Dict[str, float] = {}
    for at, server, line in lines:
        for name, (where, text) in markers.items():
            if name not in found and where == server and text in line:
                found[name] = at
    return found


def summarise(runs: Sequence[Mapping[str, Any]]) -> Dict[str, Dict[str, float]]:
    """p50, min and max of every number the runs share (seconds, CPU seconds)."""
    keys = sorted({k for run in runs for k, v in run.items() if isinstance(v, (int, float))})
    out: Dict[str, Dict[str, float]] = {}
    for key in keys:
        values = [float(run[key]) for run in runs if isinstance(run.get(key), (int, float))]
        if values:
            out[key] = {
                "p50": round(percentile(values, 0.5), 2),
                "min": round(min(values), 2),
                "max": round(max(values), 2),
                "n": len(values),
            }
    return out


@dataclass
class LogWatch:
    """Lines appended to the servers' logs, stamped with when they were seen."""

    logs: Mapping[str, Path]
    started_at: float
    lines: List[Tuple[float, str, str]] = field(default_factory=list)
    _offsets: Dict[str, int] = field(default_factory=dict)

    def poll(self) -> None:
        """Read what each log gained since the last poll."""
        now = time.perf_counter() - self.started_at
        for server, log in self.logs.items():
            if not log.exists():
                continue
            with log.open("rb") as handle:
                handle.seek(self._offsets.get(server, 0))
                data = handle.read()
            complete = data[: data.rfind(b"\n") + 1]
            self._offsets[server] = self._offsets.get(server, 0) + len(complete)
            for line in complete.decode(errors="replace").splitlines():
                self.lines.append((now, server, line))


def cpu_seconds(pid: int) -> Optional[float]:
    """User + system CPU seconds of process ``pid`` and its reaped children, or None."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return None
    ticks = sum(int(v) for v in fields[11:15])  # utime, stime, cutime, cstime
    return round(ticks / 100.0, 2)


def wait_answer(
    say: Callable[[], List[Dict[str, Any]]], alive: Callable[[], bool], timeout_s: float
) -> Optional[List[Dict[str, Any]]]:
    """Call ``say`` until it returns a real answer (None if ``alive`` fails or time is up)."""
    deadline = time.perf_counter() + timeout_s
    while time.perf_counter() < deadline and alive():
        try:
            messages = say()
        except (OSError, urllib.error.URLError, ValueError):
            messages = []
        if is_real_answer(messages):
            return messages
        time.sleep(0.2)
    return None


def _health(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def one_run(network: networks.Network, variant: str, timeout_s: float) -> Dict[str, Any]:
    """Start the three servers at once, time them to the first answer, stop them."""
    deployment = network.deployment
    workdir = deployment.workdir / "startup"
    if workdir.exists():
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True)
    ports = {"actions": free_port(), "rasa": free_port(), "web": free_port()}
    token = secrets.token_urlsafe(24)
    env = deployment.env(
        ACTION_SERVER_TOKEN=token,
        ACTION_ENDPOINT_URL=f"http://127.0.0.1:{ports['actions']}/webhook",
        TRACKER_STORE_URL=f"sqlite:///{workdir / 'tracker.db'}",
        **variant_env(variant),
    )
    rasa_env = commands.rasa_server_env(
        ports["rasa"], deployment.model, workdir / "credentials.yml", cors=[]
    )
    logs = {name: workdir / f"{name}.log" for name in ports}
    health = {
        "actions": f"http://127.0.0.1:{ports['actions']}/health",
        "rasa": f"http://127.0.0.1:{ports['rasa']}/",
        "web": f"http://127.0.0.1:{ports['web']}/health",
    }
    load_before = load_average()
    started_at = time.perf_counter()
    processes = {
        "actions": spawn(commands.actions_server(ports["actions"]), env, logs["actions"]),
        "rasa": spawn(commands.rasa_server(), {**env, **rasa_env}, logs["rasa"]),
        "web": spawn(commands.web_front(ports["web"]), env, logs["web"]),
    }
    watch = LogWatch(logs, started_at)
    ready: Dict[str, float] = {}
    cpu: Dict[str, Optional[float]] = {}
    done = threading.Event()

    def poll_health() -> None:
        while not done.is_set():
            for name, url in health.items():
                if name not in ready and _health(url):
                    ready[name] = round(time.perf_counter() - started_at, 2)
            watch.poll()
            done.wait(0.1)

    poller = threading.Thread(target=poll_health, daemon=True)
    poller.start()
    text = network.conversations[0][0]
    rasa_url = f"http://127.0.0.1:{ports['rasa']}"
    answered_s: Optional[float] = None
    ofqual_s: Optional[float] = None
    try:
        answer = wait_answer(
            lambda: rest.say(rasa_url, f"startup-{secrets.token_hex(4)}", text, timeout=60),
            lambda: all(p.poll() is None for p in processes.values()),
            timeout_s,
        )
        answered_s = round(time.perf_counter() - started_at, 2) if answer else None
        cpu = {name: cpu_seconds(p.pid) for name, p in processes.items()}
        # a course outside the catalogue: the first turn that needs the Ofqual index
        if answer:
            asked = time.perf_counter()
            rest.say(rasa_url, f"startup-{secrets.token_hex(4)}", OFQUAL_MESSAGE, timeout=120)
            ofqual_s = round(time.perf_counter() - asked, 2)
    finally:
        done.set()
        poller.join()
        watch.poll()
        for process in processes.values():
            stop(process)
    run: Dict[str, Any] = {
        "variant": variant,
        "first_answer_s": answered_s,
        "first_ofqual_turn_s": ofqual_s,
        **{f"{name}_healthy_s": at for name, at in ready.items()},
        **{name: round(at, 2) for name, at in first_times(watch.lines, MARKERS).items()},
        **{f"{name}_cpu_s": value for name, value in cpu.items() if value is not None},
        "load_average_before": load_before,
        "load_average_after": load_average(),
        "message": text,
    }
    resolver = [line for _, server, line in watch.lines if MARKERS["actions_resolver_ready"][1]
                in line and server == "actions"]  # fmt: skip
    if resolver:
        run["actions_resolver_build_s"] = float(resolver[0].split(" ready in ")[1].split()[0])
    if answered_s is None:
        run["log_tails"] = {name: log.read_text(errors="replace")[-1500:] for name, log in
                            logs.items() if log.exists()}  # fmt: skip
    return run


def prebuild(network: networks.Network) -> None:
    """What ``make db`` does before ``make run``: migrations, and the Ofqual index.

    Without the migrations the action server and the web front would both migrate the
    enquiry tables at start, at the same moment.
    """
    deployment = network.deployment
    for command in (
        ["pathways_catalogue", "--db", deployment.db_url, "ofqual-index"],
        ["enquiries", "upgrade"],
        ["insights", "upgrade"],
    ):
        subprocess.run(
            [sys.executable, "-m", *command], cwd=PROJECT_ROOT, env=deployment.env(), check=True
        )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3, help="runs of each variant")
    parser.add_argument(
        "--variants", default="baseline,all",
        help=f"comma-separated, of: {', '.join(VARIANTS)} (default: baseline,all)",
    )  # fmt: skip
    parser.add_argument("--timeout", type=float, default=400.0, help="seconds per start")
    parser.add_argument("--workdir", type=Path, default=networks.WORKDIR)
    parser.add_argument("--out", type=Path, default=RESULTS / "startup.json")
    return parser


def main(argv: Optional[Sequence[str]] = None) -> None:
    """Deploy the demo network, start it ``--runs`` times per variant, write the JSON."""
    args = _parser().parse_args(argv)
    chosen = [v.strip() for v in args.variants.split(",") if v.strip()]
    unknown = [v for v in chosen if v not in VARIANTS]
    if unknown:
        raise SystemExit(f"unknown variants: {', '.join(unknown)}")
    network = networks.demo(root=args.workdir)
    prebuild(network)
    results: Dict[str, Any] = {
        "benchmark": "startup", "machine": machine(), "target_s": TARGET_S,
        "variants": {v: {"switched_off": list(VARIANTS[v]), "env": variant_env(v)}
                     for v in chosen},
        "runs": [],
    }  # fmt: skip
    for round_number in range(args.runs):
        order = chosen[round_number % len(chosen) :] + chosen[: round_number % len(chosen)]
        for variant in order:
            run = one_run(network, variant, args.timeout)
            run["round"] = round_number + 1
            results["runs"].append(run)
            print(json.dumps({k: v for k, v in run.items() if k != "log_tails"}), flush=True)
            write_json(args.out, results)  # what was measured so far survives a failure
    for variant in chosen:
        runs = [r for r in results["runs"] if r["variant"] == variant]
        results["variants"][variant]["summary"] = summarise(runs)
    write_json(args.out, results)
    for variant in chosen:
        first = results["variants"][variant]["summary"].get("first_answer_s", {})
        print(f"{variant}: first answer p50 {first.get('p50')} s (min {first.get('min')}, "
              f"max {first.get('max')}, n {first.get('n')})")  # fmt: skip
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
