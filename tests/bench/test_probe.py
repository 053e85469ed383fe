"""The security probe's own logic: verdicts, the report, and attacks on toy servers.

Each attack is tried on a tiny aiohttp server built with the hole the issue describes
(the probe must report the attack as succeeded) and on one without it (stopped).
"""

from __future__ import annotations

import asyncio
import functools
import json
from typing import Any, Awaitable, Callable, Dict, List, Set

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from bench.probe import channels, console, doors, sockets
from bench.probe.report import (
    FAILED,
    NOT_TRIED,
    PASSED,
    Attack,
    NotTried,
    attempt,
    build_report,
    exit_code,
)
from bench.probe.target import Target
from web.auth import safe_next

Server = Callable[[web.Application], Awaitable[TestServer]]


def target_of(server: TestServer) -> Target:
    url = str(server.make_url("")).rstrip("/")
    return Target(bot_url=url, web_url=url, actions_url=url, tracker_db=None)


# -- verdicts and the report -----------------------------------------------------------


def raising(error: Exception) -> Attack:
    def check() -> Any:
        raise error

    return Attack("a", "tried", "expected", check)


def test_a_stopped_attack_passes_and_a_successful_one_fails() -> None:
    assert attempt(Attack("a", "t", "e", lambda: (True, "seen"))).verdict == PASSED
    failed = attempt(Attack("a", "t", "e", lambda: (False, "got in")))
    assert failed.verdict == FAILED and failed.observed == "got in"


def test_an_attack_that_could_not_be_tried_is_never_passed() -> None:
    reasoned = attempt(raising(NotTried("no token configured")))
    crashed = attempt(raising(ConnectionRefusedError("refused")))
    for outcome in (reasoned, crashed):
        assert outcome.verdict == NOT_TRIED
        assert outcome.to_dict()["passed"] is False
    assert reasoned.observed == "no token configured"
    assert "ConnectionRefusedError" in crashed.observed


def test_the_report_counts_verdicts_and_the_exit_code_fails_only_on_a_success() -> None:
    stopped = attempt(Attack("s", "t", "e", lambda: (True, "")))
    skipped = attempt(raising(NotTried("why")))
    hole = attempt(Attack("h", "t", "e", lambda: (False, "")))
    assert exit_code([stopped, skipped]) == 0
    assert exit_code([stopped, skipped, hole]) == 1
    report = build_report([stopped, skipped, hole], {"bot": "x"}, 1.23)
    assert report["counts"] == {PASSED: 1, FAILED: 1, NOT_TRIED: 1}
    assert report["found_nothing"] is False
    assert [a["name"] for a in report["attacks"]] == ["s", "a", "h"]
    json.dumps(report)
    assert build_report([stopped, skipped], {}, 0)["found_nothing"] is True


def test_the_target_defaults_are_what_make_run_starts(tmp_path: Any) -> None:
    target = Target.from_env({})
    assert (target.bot_url, target.actions_url, target.web_url) == (
        "http://127.0.0.1:5005", "http://127.0.0.1:5055", "http://127.0.0.1:8000")
    assert target.rest_token is None and target.metrics_token is None
    assert target.tracker_db is not None and target.tracker_db.name == "tracker.db"
    moved = Target.from_env({"RASA_PORT": "6005", "REST_CHANNEL_TOKEN": "t",
                             "TRACKER_STORE_URL": "postgresql://db/x"})
    assert moved.bot_url.endswith(":6005") and moved.rest_token == "t"
    assert moved.tracker_db is None
    with pytest.raises(NotTried):
        moved.stored("rest:x")


# -- the socket table ------------------------------------------------------------------

TCP = """  sl local_address rem_address st tx_queue rx_queue tr tm->when retrnsmt uid timeout inode
   0: 0100007F:1F40 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1234 1
   1: 00000000:13AD 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 5678 1
   2: 0100007F:1F40 0100007F:D431 01 00000000:00000000 00:00000000 00000000     0        0 9999 1
"""
TCP6 = """  sl  local_address                         remote_address                        st
   0: 00000000000000000000000001000000:138D 00000000000000000000000000000000:0000 0A 0:0 0:0 0 0 0 4321 1
"""  # noqa: E501


def test_the_socket_table_is_read_as_the_kernel_writes_it() -> None:
    assert sockets.parse_table(TCP) == [("127.0.0.1", 8000, 1234), ("0.0.0.0", 5037, 5678)]
    assert sockets.parse_table(TCP6) == [("::1", 5005, 4321)]
    assert sockets.Listener(1, "::1", 5005).loopback
    assert not sockets.Listener(1, "0.0.0.0", 5005).loopback


# -- redirects -------------------------------------------------------------------------


@pytest.mark.parametrize("location", ["//evil.example", "https://evil.example/advisers/",
                                      "/\\evil.example", "\t//evil.example", "/", "/elsewhere"])
def test_a_redirect_off_the_console_escapes(location: str) -> None:
    assert console.escapes("http://127.0.0.1:8000", location)


@pytest.mark.parametrize("location", ["/advisers/", "/advisers/enquiries/X?page=2",
                                      "http://127.0.0.1:8000/advisers/"])
def test_a_redirect_within_the_console_does_not(location: str) -> None:
    assert not console.escapes("http://127.0.0.1:8000", location)


# -- toy servers: each attack fails against the hole and passes against the fix --------


def fake_console(next_of: Callable[[str], str], server_sessions: bool) -> web.Application:
    """A login form with CSRF; sessions in a server-side set, or trusted from the cookie."""
    live: Set[str] = set()
    counter = [0]

    async def login_page(request: web.Request) -> web.Response:
        return web.Response(text='<input name="csrf_token" value="tok">',
                            content_type="text/html")

    async def login(request: web.Request) -> web.Response:
        form = await request.post()
        if form.get("password") != "right":
            return web.Response(status=401, text='<input name="csrf_token" value="tok">')
        counter[0] += 1
        token = f"session{counter[0]}"
        live.add(token)
        response = web.Response(status=303, headers={"Location": next_of(str(form["next"]))})
        response.set_cookie(console.COOKIE, token)
        return response

    def valid(request: web.Request) -> bool:
        token = request.cookies.get(console.COOKIE, "")
        return token in live if server_sessions else token.startswith("session")

    async def queue(request: web.Request) -> web.Response:
        if not valid(request):
            raise web.HTTPFound("/advisers/login")
        return web.Response(text='<input name="csrf_token" value="tok">',
                            content_type="text/html")

    async def logout(request: web.Request) -> web.Response:
        live.discard(request.cookies.get(console.COOKIE, ""))
        response = web.Response(status=303, headers={"Location": "/advisers/login"})
        response.del_cookie(console.COOKIE)
        return response

    app = web.Application()
    app.router.add_get("/advisers/login", login_page)
    app.router.add_post("/advisers/login", login)
    app.router.add_get("/advisers/", queue)
    app.router.add_post("/advisers/logout", logout)
    return app


def account_of(target: Target) -> console.ProbeAccount:
    return console.ProbeAccount(target, email="a@example.com", password="right", adviser_id=7)


async def verdict_on(server: TestServer, attack: Callable[[Target], Any]) -> str:
    target = target_of(server)
    outcome = await asyncio.to_thread(attempt, Attack("x", "t", "e", lambda: attack(target)))
    return outcome.verdict


@pytest.mark.parametrize("server_sessions, expected", [(False, FAILED), (True, PASSED)])
async def test_cookie_replay_after_logout(aiohttp_server: Server, server_sessions: bool,
                                          expected: str) -> None:
    server = await aiohttp_server(fake_console(safe_next, server_sessions))
    replay = await verdict_on(server, lambda t: console.cookie_replay(t, account_of(t)))
    assert replay == expected


@pytest.mark.parametrize("next_of, expected", [(lambda n: n or "/advisers/", FAILED),
                                               (safe_next, PASSED)])
async def test_next_redirects(aiohttp_server: Server, next_of: Callable[[str], str],
                              expected: str) -> None:
    server = await aiohttp_server(fake_console(next_of, True))
    assert await verdict_on(server, lambda t: console.next_redirect(t, account_of(t))) == expected


async def test_console_attacks_without_an_account_are_not_tried(aiohttp_server: Server) -> None:
    server = await aiohttp_server(fake_console(safe_next, True))
    nobody = lambda t: console.cookie_replay(t, console.ProbeAccount(t, problem="no CLI"))  # noqa: E731
    assert await verdict_on(server, nobody) == NOT_TRIED


def fake_rest(vulnerable: bool, per_sender: int = 8) -> web.Application:
    """A REST channel: conversations by sender, a course memory, a per-sender limit."""
    courses: Dict[str, str] = {}
    counts: Dict[str, int] = {}

    async def webhook(request: web.Request) -> web.Response:
        body = await request.json()
        sender = body["sender"]
        if vulnerable:  # the prefix is added only when missing: 'rest:x' is x's conversation
            conversation = sender if sender.startswith("rest:") else f"rest:{sender}"
        else:
            conversation = f"rest:{sender}"
            counts[sender] = counts.get(sender, 0) + 1
            if counts[sender] > per_sender:
                return web.json_response({"error": "slow down"}, status=429,
                                         headers={"Retry-After": "1"})
        if body["message"] == channels.START:
            courses[conversation] = "the engineering diploma"
            return web.json_response([{"text": "Got it: the engineering diploma"}])
        if conversation in courses:
            return web.json_response([{"text": f"After {courses[conversation]}: an HNC"}])
        return web.json_response([{"text": "What course are you doing now?"}])

    app = web.Application()
    app.router.add_post("/webhooks/rest/webhook", webhook)
    return app


@pytest.mark.parametrize("vulnerable, expected", [(True, FAILED), (False, PASSED)])
async def test_rest_sender_spoofing(aiohttp_server: Server, vulnerable: bool,
                                    expected: str) -> None:
    server = await aiohttp_server(fake_rest(vulnerable))
    assert await verdict_on(server, channels.rest_spoof_prefix) == expected


@pytest.mark.parametrize("vulnerable, expected", [(True, FAILED), (False, PASSED)])
async def test_rest_bursts(aiohttp_server: Server, vulnerable: bool, expected: str) -> None:
    server = await aiohttp_server(fake_rest(vulnerable))
    burst = lambda t: channels.rest_burst(t, turns=12, settle=0)  # noqa: E731
    assert await verdict_on(server, burst) == expected


def fake_doors(vulnerable: bool) -> web.Application:
    """The action server's webhook, Rasa's API and /metrics, open or closed."""
    async def webhook(request: web.Request) -> web.Response:
        if not vulnerable and request.headers.get("Authorization") != "Bearer secret":
            return web.json_response({"error": "no"}, status=401)
        return web.json_response({"events": []})

    async def metrics(request: web.Request) -> web.Response:
        if not vulnerable and "X-Forwarded-For" in request.headers:
            return web.Response(status=403)
        return web.Response(text="pathways_enquiries 3")

    async def api(request: web.Request) -> web.Response:
        if vulnerable:
            return web.json_response({"sender_id": "probe", "slots": {"learner_name": "Sam"}})
        return web.json_response({"error": "not here"}, status=404)

    app = web.Application()
    app.router.add_post("/webhook", webhook)
    app.router.add_get("/actions", webhook)
    app.router.add_get("/metrics", metrics)
    for path in ("/conversations/{id}/tracker", "/status"):
        app.router.add_get(path, api)
    for path in ("/conversations/{id}/tracker/events", "/model/parse"):
        app.router.add_post(path, api)
    return app


@pytest.mark.parametrize("attack", [doors.action_server_token, doors.metrics_from_elsewhere,
                                    doors.rasa_http_api])
@pytest.mark.parametrize("vulnerable, expected", [(True, FAILED), (False, PASSED)])
async def test_doors(aiohttp_server: Server, attack: Callable[[Target], Any], vulnerable: bool,
                     expected: str) -> None:
    server = await aiohttp_server(fake_doors(vulnerable))
    assert await verdict_on(server, attack) == expected


async def test_a_server_that_is_down_gives_not_tried() -> None:
    from launch.process import free_port

    down = f"http://127.0.0.1:{free_port()}"
    target = Target(bot_url=down, web_url=down, actions_url=down, tracker_db=None)
    checks = (doors.action_server_token, doors.metrics_from_elsewhere,
              functools.partial(channels.rest_burst, settle=0))
    outcomes: List[Any] = [attempt(Attack("x", "t", "e", functools.partial(check, target)))
                           for check in checks]  # fmt: skip
    assert [o.verdict for o in outcomes] == [NOT_TRIED] * 3
    assert all("ConnectionRefusedError" in o.observed for o in outcomes)
