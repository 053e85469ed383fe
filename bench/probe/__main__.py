"""``python -m bench.probe``: attack a running ``make run`` and write the report.

Run ``make run`` in another terminal first. The probe adds a throwaway adviser
(disabled at the end), files a few enquiries under ``learner.<run>@example.com``
(erased at the end with ``python -m bot privacy erase``) and leaves its short test
conversations (senders ``probe-<run>-…``) to retention.
"""

from __future__ import annotations

import argparse
import functools
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, Dict, List, Optional, Sequence

from bench.probe import channels, console, doors
from bench.probe.report import (
    Attack,
    NotTried,
    Outcome,
    Verdict,
    attempt,
    build_report,
    exit_code,
    table,
)
from bench.probe.target import ROOT, Target
from bench.stats import machine, write_json

DEFAULT_OUT = ROOT / "bench" / "results" / "security_probe.json"
#: issue 15's items that cannot be tried from outside a running deployment, and where
#: they are tested instead
ELSEWHERE = {
    "erasure-by-every-phone-spelling": (
        "erase a learner by '07700900123' when stored as '+44 7700 900123' or as a "
        "WhatsApp sender id",
        "a command-line operation, not a door: tests/e2e/test_erasure.py runs it"),
    "widget-storage-expiry": (
        "read a previous learner's chat from the widget's localStorage on a shared PC",
        "needs a browser: tests/browser/test_widget_storage.py checks the expiry and "
        "'Clear this chat'"),
    "retention-by-last-activity": (
        "keep an enquiry forever by never closing it",
        "needs months to pass: tests/enquiries/test_retention.py and "
        "tests/bot/test_privacy.py check the pruning rules"),
}


def nowhere(reason: str) -> Verdict:
    """The check of an attack that cannot be tried from outside."""
    raise NotTried(reason)


def attacks(target: Target, account: console.ProbeAccount) -> List[Attack]:
    """Every attack, in the order they run (the limits last, with their waits)."""
    def on(fn: Callable[..., Verdict], *args: object) -> Callable[[], Verdict]:
        return functools.partial(fn, target, *args)

    return [
        Attack("listens-on-loopback-only",
               "list the listening sockets of make run's processes; connect to the "
               "servers' ports on the machine's other addresses",
               "loopback only; every other connection refused", on(doors.loopback_only)),
        Attack("rest-without-token", "a REST turn with no Authorization header",
               "401, or (no REST_CHANNEL_TOKEN, as make run) the Rasa server on loopback only",
               on(doors.rest_needs_token)),
        Attack("rest-sender-spoof-widget",
               "a widget learner names a course; REST turns as 'socketio:<id>', '<id>' "
               "and the full signed id ask 'what can I do next?'",
               "each a new conversation (the bot asks for the course); nothing reaches "
               "the widget", on(channels.rest_spoof_socketio)),
        Attack("rest-sender-spoof-rest-prefix",
               "a REST learner names a course; the sender 'rest:<that sender>' asks next",
               "a new conversation", on(channels.rest_spoof_prefix)),
        Attack("rest-sender-spoof-whatsapp",
               f"REST turns as {channels.WHATSAPP!r} and 'twilio:{channels.WHATSAPP}'",
               "stored under 'rest:…', never under the WhatsApp learner's id",
               on(channels.rest_spoof_whatsapp)),
        Attack("socketio-session-join",
               "a second socket asks for a widget learner's session by its stored id, "
               "with a forged signature, and a made-up id",
               "never confirmed; a new conversation; none of the learner's replies",
               on(channels.socketio_join)),
        Attack("socketio-cross-origin",
               f"websocket upgrade and polling with Origin {channels.EVIL}",
               "refused (not 101, not 200); the widget's own origin accepted",
               on(channels.socketio_origin)),
        Attack("metadata-flood", "a REST turn with 200 KB of metadata",
               "413; nothing stored", on(channels.metadata_flood)),
        Attack("oversized-body", "a REST body of 200 KB", "413", on(channels.oversized_body)),
        Attack("metadata-unknown-keys", "50 KB of unknown metadata and a forged "
               "'pathways_client' key, under the 64 KB limit",
               "accepted; only 'locale' stored", on(channels.metadata_dropped)),
        Attack("socketio-huge-payload", "a socket.io message of 200 KB",
               "not read (no reply)", on(channels.socketio_huge_payload)),
        Attack("handover-slots-cleared",
               "after a learner's hand-over, 'can I talk to a real person?', 'yes' again",
               "the name is asked again; nothing is filed in the learner's name",
               on(channels.slots_cleared)),
        Attack("rasa-http-api-without-token",
               "read a tracker, add an event, parse, status, without RASA_API_TOKEN",
               "401/403, or 404 when the API is off", on(doors.rasa_http_api)),
        Attack("action-server-without-token",
               "call the action server's /webhook and /actions with no or a wrong token",
               "401", on(doors.action_server_token)),
        Attack("secrets-off-command-lines", "read the command lines of make run's processes",
               "no token on any", on(doors.secrets_off_command_lines)),
        Attack("weak-web-secret-key", "start the web front with WEB_SECRET_KEY=changeme",
               "refuses to start", on(doors.weak_web_key)),
        Attack("empty-action-server-token",
               "start the action server with ACTION_SERVER_TOKEN empty",
               "refuses to start", on(doors.empty_action_token)),
        Attack("metrics-from-elsewhere",
               "/metrics forwarded for 203.0.113.9 or 127.0.0.1 by an untrusted peer, and "
               "with a wrong token", "401/403 (a local client may read it, by design)",
               on(doors.metrics_from_elsewhere)),
        Attack("metrics-token", "/metrics from elsewhere with METRICS_TOKEN",
               "200 with the token, 401 without", on(doors.metrics_token)),
        Attack("console-cookie-replay",
               "log in, copy the cookie, log out, use the copy", "not logged in",
               on(console.cookie_replay, account)),
        Attack("console-forged-cookie",
               "a session cookie encrypted with sha256('changeme'), and a made-up token",
               "not logged in", on(console.forged_cookie, account)),
        Attack("console-next-redirect",
               f"log in with next= in {len(console.REDIRECTS)} spellings of evil.example",
               "every redirect stays under /advisers/", on(console.next_redirect, account)),
        Attack("console-login-lockout",
               "six wrong passwords for an adviser, then the adviser's own",
               "the adviser gets in at once", on(console.login_backoff, account)),
        Attack("web-public-rate-limit", "90 requests at once to the college page",
               "429 after the burst allowance", on(doors.web_rate_limit)),
        Attack("rest-burst-one-sender",
               "20 REST turns at once from one sender, as a remote client",
               "429 with Retry-After after 8", on(channels.rest_burst)),
        Attack("x-forwarded-for-spoof",
               "35 REST turns at once from 127.0.0.1, each claiming another "
               "X-Forwarded-For address and sender",
               "the header is ignored: the peer's per-address limit answers 429",
               on(channels.xff_ignored)),
        Attack("socketio-burst", "12 socket.io messages at once from one remote learner",
               "the slow-down reply", on(channels.socketio_burst)),
        Attack("enquiry-flood",
               f"up to {channels.FLOOD} hand-overs, each in a new conversation, from one "
               "remote address", f"refused after at most {channels.ADDRESS_CAP}",
               on(channels.enquiry_flood)),
        *[Attack(name, tried, "stopped", functools.partial(nowhere, reason))
          for name, (tried, reason) in ELSEWHERE.items()],
    ]  # fmt: skip


def clean_up(target: Target, account: console.ProbeAccount) -> Dict[str, str]:
    """Disable the probe's adviser and erase the enquiries its learners filed."""
    done = {"adviser": account.disable()}
    erased = subprocess.run(
        [target.python, "-m", "bot", "privacy", "erase", "--email", target.email],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    said = (erased.stdout or erased.stderr).strip().splitlines()
    done["enquiries"] = said[-1] if said else f"exit status {erased.returncode}"
    return done


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run every attack; print one line each; write the JSON; 1 if any succeeded."""
    parser = argparse.ArgumentParser(prog="python -m bench.probe", description=__doc__)
    parser.add_argument("--bot", help="the Rasa server (default http://127.0.0.1:$RASA_PORT)")
    parser.add_argument("--web", help="the web front (default http://$WEB_HOST:$WEB_PORT)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the JSON report")
    parser.add_argument("--only", nargs="*", help="run only the attacks with these names")
    args = parser.parse_args(list(argv) if argv is not None else None)
    target = Target.from_env(bot=args.bot, web=args.web)
    measured_on = machine()
    started = time.monotonic()
    account = console.ProbeAccount(target)
    if not args.only or any(name.startswith("console-") for name in args.only):
        account.create()
    outcomes: List[Outcome] = []
    try:
        for attack in attacks(target, account):
            if args.only and attack.name not in args.only:
                continue
            outcome = attempt(attack)
            print(table([outcome]).splitlines()[0], flush=True)
            outcomes.append(outcome)
    finally:
        cleaned = clean_up(target, account)
    seconds = time.monotonic() - started
    report = build_report(outcomes, target.describe(), seconds)
    report["clean_up"] = cleaned
    report["machine"] = measured_on
    write_json(args.out, report)
    print(table(outcomes).splitlines()[-1], f"in {seconds:.0f} s; written to {args.out}")
    return exit_code(outcomes)


if __name__ == "__main__":
    sys.exit(main())
