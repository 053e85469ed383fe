"""Fuzz the channels at volume: ``make fuzz`` (JSON in ``bench/results/fuzz_channels.json``).

Starts the real action server and Rasa server with :class:`evaluation.servers.Servers`
(the trained model, a scratch copy of the catalogue database and a scratch tracker
store, the credentials ``tools/rasa_server.sh`` writes), then sends the hostile cases of
:mod:`bench.hostile` through REST and socket.io and records:

- how many requests were sent, and how many got a 5xx, no reply, or a wrong status;
- the Rasa process's resident memory (RSS) before and after;
- another learner's "hi" latency while idle, and while the longest message (100 KB,
  refused before parsing) and the longest read one (2,000 characters) are handled.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from bench.hostile import Case, cases, fixed_cases
from bench.socketio_client import Learner
from bench.stats import machine, write_json
from bot.channels.text import MAX_MESSAGE_CHARS
from evaluation.servers import Deployment, Servers
from pathways_catalogue.settings import DEMO_NETWORK

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "fuzz_channels.json"


def rss_mb(pid: int) -> float:
    """Resident memory of process ``pid`` in MB (from /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def post(url: str, body: bytes, timeout: float = 300) -> Tuple[int, Any]:
    """POST ``body``; the status and the decoded answer (None if not JSON)."""
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            status, raw = int(answer.status), answer.read()
    except urllib.error.HTTPError as error:
        status, raw = int(error.code), error.read()
    try:
        return status, json.loads(raw)
    except ValueError:
        return status, None


def judge(case: Case, status: int, answer: Any) -> Optional[str]:
    """What is wrong with the answer to ``case`` (None if nothing)."""
    if status >= 500:
        return "5xx"
    if case.accepted:
        return None if status == 200 and isinstance(answer, list) and answer else "no reply"
    ok = status == 400 and isinstance(answer, dict) and "error" in answer
    return None if ok else "wrong status"


def hi_latency(url: str, sender: str) -> float:
    """Seconds for another learner's "hi" to be answered."""
    started = time.perf_counter()
    post(url, json.dumps({"sender": sender, "message": "hi"}).encode())
    return time.perf_counter() - started


def latency_during(url: str, text: str, rounds: int = 5) -> List[float]:
    """"hi" latencies while a learner's ``text`` is being handled, ``rounds`` times."""
    found = []
    for n in range(rounds):
        body = json.dumps({"sender": f"long-{n}", "message": text}).encode()
        long = threading.Thread(target=post, args=(url, body))
        long.start()
        time.sleep(0.02)
        found.append(hi_latency(url, f"other-{n}"))
        long.join()
    return found


def summary(values: List[float]) -> Dict[str, float]:
    """Median and max in milliseconds."""
    return {"median_ms": round(statistics.median(values) * 1000, 1),
            "max_ms": round(max(values) * 1000, 1)}  # fmt: skip


async def socket_pass(base: str, batch: List[Case]) -> Dict[str, int]:
    """Send ``batch`` over socket.io; count the events left unanswered."""
    learner = await Learner(base).connect()
    unanswered = 0
    try:
        for case in batch:
            data = case.socket_data
            if isinstance(data, dict):
                data = {**data, "session_id": learner.session_id}
            if not await learner.send(data, quiet=0.25, timeout=120):
                unanswered += 1
    finally:
        await learner.close()
    return {"sent": len(batch), "unanswered": unanswered}


def scratch_deployment(model: Path, database: Path, work: Path, slug: str) -> Deployment:
    """A deployment in ``work``: a copy of the catalogue database, and the trained model."""
    deployment = Deployment(slug, work)
    shutil.copy(database, work / "catalogue.db")
    deployment.model.parent.mkdir(parents=True, exist_ok=True)
    deployment.model.symlink_to(model)
    return deployment


def run(
    count: int, socket_share: float, workers: int, model: Path, database: Path, network: str
) -> Dict[str, Any]:
    """The whole benchmark; its results."""
    measured_on = machine()  # the load average as the run starts
    with tempfile.TemporaryDirectory(prefix="pathways-fuzz-") as folder:
        deployment = scratch_deployment(model, database, Path(folder), network)
        with Servers(deployment) as stack:
            assert stack.rasa_pid is not None
            webhook = stack.rasa_url + "/webhooks/rest/webhook"
            hi_latency(webhook, "warm-up")
            rss_before = rss_mb(stack.rasa_pid)
            idle = [hi_latency(webhook, f"idle-{n}") for n in range(5)]
            during_huge = latency_during(webhook, "x" * 60_000)  # under the 64 KB body limit
            longest_read = "engineering " * (MAX_MESSAGE_CHARS // 12)
            during_longest_read = latency_during(webhook, longest_read)

            all_cases = list(cases(count, sender_prefix="fuzz-bench"))
            rest_cases, socket_cases = split_cases(all_cases, socket_share)
            started = time.perf_counter()
            with ThreadPoolExecutor(workers) as pool:
                answers = list(pool.map(lambda c: post(webhook, c.rest_body), rest_cases))
            rest_seconds = time.perf_counter() - started
            problems: Dict[str, int] = {}
            statuses: Dict[str, int] = {}
            for case, (status, answer) in zip(rest_cases, answers, strict=True):
                statuses[str(status)] = statuses.get(str(status), 0) + 1
                problem = judge(case, status, answer)
                if problem:
                    problems[problem] = problems.get(problem, 0) + 1
            socket_result = asyncio.run(socket_pass(stack.rasa_url, socket_cases))
            alive = judge(all_cases[0], *post(webhook, b'{"sender": "after", "message": "hi"}'))
            rss_after = rss_mb(stack.rasa_pid)
            return {
                "messages": len(rest_cases) + len(socket_cases),
                "cases": len(all_cases),
                "rest": {"sent": len(rest_cases), "statuses": statuses,
                         "five_xx": statuses_5xx(statuses), "problems": problems,
                         "seconds": round(rest_seconds, 1), "workers": workers},
                "socketio": socket_result,
                "server_up_after": stack.rasa_running and alive is None,
                "rasa_rss_mb": {"before": rss_before, "after": rss_after},
                "hi_latency": {"idle": summary(idle),
                               "during_100kb_message": summary(during_huge),
                               "during_2000_char_message": summary(during_longest_read)},
                "machine": measured_on,
                "model": str(model.relative_to(ROOT) if model.is_relative_to(ROOT) else model.name),
            }  # fmt: skip


def split_cases(all_cases: List[Case], socket_share: float) -> Tuple[List[Case], List[Case]]:
    """(REST cases, socket.io cases).

    The fixed cases (:func:`bench.hostile.fixed_cases`) go to both channels; the
    mutations are shared out, ``socket_share`` of them to socket.io.
    """
    fixed = len(fixed_cases())
    every = max(1, round(1 / socket_share)) if socket_share > 0 else 0
    mutations = all_cases[fixed:]
    on_socket = [c for i, c in enumerate(mutations) if every and i % every == 0]
    on_rest = [c for i, c in enumerate(mutations) if not every or i % every != 0]
    return all_cases[:fixed] + on_rest, all_cases[:fixed] + on_socket


def statuses_5xx(statuses: Dict[str, int]) -> int:
    """How many answers were server errors."""
    return sum(n for status, n in statuses.items() if status.startswith("5"))


def main(argv: Optional[List[str]] = None) -> int:
    """Run the benchmark and write its JSON; exit 1 on any 5xx or unanswered message."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--socket-share", type=float, default=0.05,
                        help="the share of the cases sent over socket.io (slower: one at a time)")
    parser.add_argument("--workers", type=int, default=4, help="concurrent REST clients")
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "pathways.tar.gz")
    parser.add_argument("--database", type=Path, default=ROOT / "var" / "pathways.db")
    parser.add_argument("--network", default=DEMO_NETWORK.name,
                        help="the network the database holds (default: the demo's)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    results = run(args.count, args.socket_share, args.workers, args.model.resolve(),
                  args.database.resolve(), args.network)  # fmt: skip
    write_json(args.out, results)
    print(json.dumps(results, indent=2))
    bad = results["rest"]["five_xx"] or results["rest"]["problems"] or \
        results["socketio"]["unanswered"] or not results["server_up_after"]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
