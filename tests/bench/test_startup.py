"""The start-up benchmark's bookkeeping (never its speed): variants, markers, stats, answers."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest

from bench import startup
from launch import rest


def test_each_variant_switches_off_what_it_does_not_measure() -> None:
    assert startup.variant_env("all") == {}
    baseline = startup.variant_env("baseline")
    assert baseline == {k: v for off in startup.OFF.values() for k, v in off.items()}
    alone = startup.variant_env("diet_fast_load")
    assert "PATHWAYS_DIET_FAST_LOAD" not in alone
    assert alone["PATHWAYS_OFQUAL_CACHE"] == "0"
    assert alone["ACTION_SERVER_NO_TENSORFLOW"] == "0"


def test_real_answers() -> None:
    assert startup.is_real_answer([{"recipient_id": "x", "text": "Here are 3 routes"}])
    assert not startup.is_real_answer([])
    assert not startup.is_real_answer(
        [{"text": "Sorry, something went wrong on my side and I couldn't answer that."}]
    )


def test_markers_are_stamped_once_per_server() -> None:
    lines = [
        (1.0, "rasa", "INFO root - Starting Rasa server on http://127.0.0.1:5005"),
        (1.5, "actions", "Loading model"),  # another server's line: not Rasa's
        (2.0, "rasa", "INFO rasa.core.processor - Loading model models/x.tar.gz..."),
        (9.0, "rasa", "INFO root - Rasa server is up and running."),
        (9.5, "rasa", "INFO root - Rasa server is up and running."),
    ]
    assert startup.first_times(lines, startup.MARKERS) == {
        "rasa_imports_done": 1.0,
        "rasa_model_loading": 2.0,
        "rasa_up": 9.0,
    }


def test_summaries_take_the_median_of_each_number() -> None:
    runs: List[Dict[str, Any]] = [
        {"first_answer_s": 30.0, "rasa_up": 25.0, "variant": "all"},
        {"first_answer_s": 10.0, "rasa_up": 8.0, "variant": "all"},
        {"first_answer_s": 20.0, "variant": "all"},  # no marker in this run
        {"first_answer_s": None, "variant": "all"},  # no answer: not counted
    ]
    summary = startup.summarise(runs)
    assert summary["first_answer_s"] == {"p50": 20.0, "min": 10.0, "max": 30.0, "n": 3}
    assert summary["rasa_up"] == {"p50": 16.5, "min": 8.0, "max": 25.0, "n": 2}
    assert "variant" not in summary


def test_the_log_watch_reads_whole_lines_only(tmp_path: Path) -> None:
    log = tmp_path / "rasa.log"
    watch = startup.LogWatch({"rasa": log, "actions": tmp_path / "none.log"}, 0.0)
    watch.poll()  # no file yet
    log.write_text("first line\nhalf a li")
    watch.poll()
    with log.open("a") as handle:
        handle.write("ne\n")
    watch.poll()
    assert [line for _, _, line in watch.lines] == ["first line", "half a line"]


class _FakeRest(BaseHTTPRequestHandler):
    """A REST channel that fails, then says "something went wrong", then answers."""

    calls: List[str] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        self.calls.append(body["message"])
        if len(self.calls) == 1:
            self.send_response(503)
            self.end_headers()
            return
        text = "Sorry, something went wrong" if len(self.calls) == 2 else "Hello!"
        payload = json.dumps([{"recipient_id": body["sender"], "text": text}]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def fake_rest() -> Iterator[str]:
    _FakeRest.calls = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FakeRest)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_waiting_for_the_first_real_answer(fake_rest: str) -> None:
    answer = startup.wait_answer(lambda: rest.say(fake_rest, "s", "hi"), lambda: True, 30.0)
    assert answer == [{"recipient_id": "s", "text": "Hello!"}]
    assert _FakeRest.calls == ["hi", "hi", "hi"]


def test_no_answer_once_a_server_has_exited(fake_rest: str) -> None:
    assert startup.wait_answer(lambda: rest.say(fake_rest, "s", "hi"), lambda: False, 30.0) is None
    assert _FakeRest.calls == []
