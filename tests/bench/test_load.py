"""The load benchmark's statistics, JSON writer, verdicts and driver (never its speed).

The driver runs against a small fake REST channel and ``/model/parse`` (aiohttp test
server): these tests check what is counted, not how fast anything is.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any, Dict, List

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from bench import stats
from bench.catalogue_bench import generate
from bench.driver import Target, closed_loop, open_loop, parse_loop
from bench.load import verdicts
from bench.networks import synthetic_conversations


@pytest.mark.parametrize(
    ("fraction", "expected"),
    [(0.0, 1.0), (0.5, 50.5), (0.95, 95.05), (0.99, 99.01), (1.0, 100.0)],
)
def test_percentile_interpolates_between_ranks(fraction: float, expected: float) -> None:
    values = [float(v) for v in range(100, 0, -1)]  # unsorted on purpose
    assert stats.percentile(values, fraction) == pytest.approx(expected)


def test_percentile_of_one_value_and_bad_input() -> None:
    assert stats.percentile([7.0], 0.99) == 7.0
    with pytest.raises(ValueError):
        stats.percentile([], 0.5)
    with pytest.raises(ValueError):
        stats.percentile([1.0], 1.5)


def test_summarise_counts_and_rates() -> None:
    summary = stats.summarise([10.0, 20.0, 30.0, 40.0], elapsed_s=2.0)
    assert summary["n"] == 4
    assert summary["p50_ms"] == 25.0
    assert summary["mean_ms"] == 25.0
    assert summary["max_ms"] == 40.0
    assert summary["per_s"] == 2.0
    assert stats.summarise([], 1.0) == {"n": 0, "per_s": 0.0}


def test_slope_and_rss_trend() -> None:
    assert stats.slope([(0, 5), (10, 25), (20, 45)]) == pytest.approx(2.0)
    assert stats.slope([(3, 1), (3, 9)]) == 0.0
    assert stats.slope([(1, 1)]) == 0.0
    trend = stats.rss_trend([(0, 1000.0), (1000, 1010.0), (2000, 1020.0), (3000, 1015.0)])
    assert trend["start_mb"] == 1000.0
    assert trend["end_mb"] == 1015.0
    assert trend["peak_mb"] == 1020.0
    assert trend["slope_mb_per_1000_turns"] == pytest.approx(5.5)
    assert stats.rss_trend([]) == {"samples": 0}


def test_window_rate_and_capacity() -> None:
    assert stats.window_rate([0.5, 1.5, 2.5, 3.5], 1.0, 3.0) == 1.0
    assert stats.window_rate([1.0], 2.0, 2.0) == 0.0
    steps: List[Dict[str, Any]] = [
        {"n": 100, "errors": 0, "p95_ms": 120.0, "offered_per_s": 5, "per_s_steady": 4.9},
        {"n": 200, "errors": 0, "p95_ms": 480.0, "offered_per_s": 10, "per_s_steady": 9.5},
        {"n": 300, "errors": 0, "p95_ms": 900.0, "offered_per_s": 20, "per_s_steady": 15.0},
        {"n": 300, "errors": 2, "p95_ms": 100.0, "offered_per_s": 30, "per_s_steady": 29.0},
        {"n": 300, "errors": 0, "p95_ms": 100.0, "offered_per_s": 40, "per_s_steady": 20.0},
    ]
    assert stats.capacity(steps, 500.0) == 9.5  # slow, failing or lagging steps do not count
    assert stats.capacity([], 500.0) == 0.0


def test_write_json_round_trips_and_leaves_no_partial_file(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "bench.json"
    data = {"machine": stats.machine(), "n": [1, 2.5, "x"]}
    stats.write_json(path, data)
    written = json.loads(path.read_text(encoding="utf-8"))
    assert written["n"] == data["n"]
    assert [p.name for p in path.parent.iterdir()] == ["bench.json"]
    assert set(data["machine"]["load_average"]) == {"1m", "5m", "15m"}


def test_write_json_records_the_machine_and_the_commit(tmp_path: Path) -> None:
    started = stats.machine()
    path = tmp_path / "results.json"
    data = {"benchmark": "x", "machine": started}
    stats.write_json(path, data)
    written = json.loads(path.read_text(encoding="utf-8"))
    measured_on = written["machine"]
    assert measured_on["cpus"] >= 1
    assert measured_on["python"].startswith("3.")
    assert measured_on["load_average"] == started["load_average"]  # at the start
    assert set(measured_on["load_average_at_end"]) == {"1m", "5m", "15m"}
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=stats.ROOT, capture_output=True, text=True
    ).stdout.strip()
    assert written["commit"]["id"] == (head or None)
    assert written["commit"]["changed"] in (True, False, None)
    assert "load_average_at_end" not in data["machine"] and "commit" not in data  # unchanged


def test_write_json_without_a_start_says_so(tmp_path: Path) -> None:
    path = tmp_path / "results.json"
    stats.write_json(path, {"benchmark": "x"})
    measured_on = json.loads(path.read_text(encoding="utf-8"))["machine"]
    assert measured_on["load_average"] is None
    assert set(measured_on["load_average_at_end"]) == {"1m", "5m", "15m"}
    assert measured_on["cpus"] >= 1


def test_commit_outside_a_repository_is_unknown(tmp_path: Path) -> None:
    assert stats.commit(tmp_path) == {"id": None, "changed": None}


def _closed(p50: float, p95: float, parse_p50: float) -> Dict[str, Any]:
    return {
        "learners": 1,
        "turn": {"n": 10, "p50_ms": p50, "p95_ms": p95},
        "parse": {"n": 10, "p50_ms": parse_p50, "p95_ms": parse_p50},
        "ratio_turn_to_parse": {"p50_ms": round(p50 / parse_p50, 2)},
    }


def test_verdicts_compare_each_target() -> None:
    results = {
        "networks": {
            "demo": {
                "closed_loop": [_closed(100.0, 140.0, 60.0)],
                "open_loop": {"capacity_turns_per_s": 12.0},
                "long_run": {"n": 10_000, "rss": {"end_mb": 1200.0}},
            },
            "synthetic": {"closed_loop": [_closed(130.0, 150.0, 60.0)]},
        }
    }
    found = verdicts(results)
    assert found["one_learner_p50_at_most_2x_parse"]["met"] is True
    assert found["one_learner_p95_at_most_150_ms"]["met"] is True
    assert found["capacity_at_least_20_turns_per_s"]["met"] is False
    assert found["synthetic_within_20_percent_of_demo"]["met"] is False  # p50 +30%
    assert found["rss_at_most_1_5_gb_after_10000_turns"]["met"] is True
    assert verdicts({"networks": {}}) == {}


def test_synthetic_conversations_name_the_networks_own_courses(tmp_path: Path) -> None:
    generate(tmp_path, institutions=5, courses=60, agreements=80, seed=3)
    conversations = synthetic_conversations(tmp_path, count=8)
    assert len(conversations) == 8
    assert all(conversations) and all(all(text.strip() for text in c) for c in conversations)
    assert "Institution" in conversations[0][0]  # the first shape names the college


@pytest.fixture
async def fake_rasa() -> Any:
    """A REST channel and ``/model/parse`` that answer at once, recording what they got."""
    seen: Dict[str, List[str]] = {"senders": [], "texts": [], "tokens": [], "auth": []}

    async def webhook(request: web.Request) -> web.Response:
        seen["auth"].append(request.headers.get("Authorization", ""))
        body = await request.json()
        seen["senders"].append(body["sender"])
        seen["texts"].append(body["message"])
        return web.json_response([{"recipient_id": body["sender"], "text": "ok"}])

    async def parse(request: web.Request) -> web.Response:
        seen["tokens"].append(request.query.get("token", ""))
        return web.json_response({"text": (await request.json())["text"]})

    app = web.Application()
    app.router.add_post("/webhooks/rest/webhook", webhook)
    app.router.add_post("/model/parse", parse)
    server = TestServer(app)
    await server.start_server()
    yield Target(str(server.make_url("")).rstrip("/"), token="t0k"), seen
    await server.close()


async def test_closed_loop_sends_whole_conversations_under_unique_senders(fake_rasa: Any) -> None:
    target, seen = fake_rasa
    conversations = [["a1", "a2", "a3"], ["b1", "b2"]]
    outcome = await closed_loop(target, conversations, learners=1, turns=7)
    assert (outcome.sent, len(outcome.latencies_ms), outcome.errors) == (7, 7, 0)
    assert seen["texts"] == ["a1", "a2", "a3", "b1", "b2", "a1", "a2"]
    assert len(set(seen["senders"])) == 3  # a new learner for every conversation
    assert len(outcome.answered_at_s) == 7


async def test_closed_loop_with_many_learners_stops_at_the_budget(fake_rasa: Any) -> None:
    target, seen = fake_rasa
    outcome = await closed_loop(target, [["x", "y"]], learners=4, turns=10)
    assert (outcome.sent, len(seen["texts"])) == (10, 10)


async def test_parse_loop_sends_the_token(fake_rasa: Any) -> None:
    target, seen = fake_rasa
    outcome = await parse_loop(target, ["one", "two"], clients=2, n=5)
    assert (len(outcome.latencies_ms), outcome.errors) == (5, 0)
    assert set(seen["tokens"]) == {"t0k"}


async def test_the_rest_channel_token_is_sent_only_when_given(fake_rasa: Any) -> None:
    target, seen = fake_rasa
    await closed_loop(target, [["x"]], learners=1, turns=1)
    await closed_loop(Target(target.rasa_url, rest_token="r3st"), [["x"]], learners=1, turns=1)
    assert seen["auth"] == ["", "Bearer r3st"]


async def test_open_loop_plays_arriving_learners(fake_rasa: Any) -> None:
    target, seen = fake_rasa
    outcome, arrivals = await open_loop(target, [["p", "q"]], 40.0, 0.3, think_s=0.01)
    assert arrivals == 20.0
    assert outcome.errors == 0 and outcome.sent == len(seen["texts"]) > 0


async def test_errors_are_counted_not_raised() -> None:
    outcome = await closed_loop(Target("http://127.0.0.1:9"), [["hi", "there"]], 2, 4)
    assert outcome.errors == 4 and not outcome.latencies_ms
    assert outcome.error_examples
