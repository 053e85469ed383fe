"""Driving the widget as a learner does: open it, type, wait for the bot's answer."""

from __future__ import annotations

import json
import re
import uuid
from typing import Any, Dict, List

from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.conftest import AXE_JS

LAUNCHER = "Chat about your next course"
REFERENCE = re.compile(r"\bPW-[A-Z0-9]{4,}\b")
#: the waits for a reply of the real assistant (NLU, actions, catalogue) on a busy machine
REPLY_TIMEOUT_MS = 90_000


def open_widget(page: Page) -> None:
    """Click the launcher; the message box gets the focus and the widget is online."""
    page.get_by_role("button", name=LAUNCHER).click()
    expect(page.locator("#pw-input")).to_be_focused()
    expect(page.locator(".pw-status-text")).to_have_text("Online", timeout=REPLY_TIMEOUT_MS)


def bot_count(page: Page) -> int:
    """How many bot messages the widget shows."""
    return page.locator(".pw-bot").count()


def wait_reply(page: Page, after: int, pattern: str) -> str:
    """Wait until a bot message after the first ``after`` matches ``pattern``; its text."""
    try:
        page.wait_for_function(
            """([after, pattern]) => Array.from(document.querySelectorAll('.pw-bot'))
                 .slice(after).some(m => new RegExp(pattern, 'i').test(m.textContent))""",
            arg=[after, pattern],
            timeout=REPLY_TIMEOUT_MS,
        )
    except PlaywrightTimeout as error:
        got = page.locator(".pw-bot").all_text_contents()[after:]
        raise AssertionError(f"no reply matching {pattern!r}; the bot said {got}") from error
    expect(page.locator(".pw-typing")).to_be_hidden(timeout=REPLY_TIMEOUT_MS)
    texts: List[str] = page.locator(".pw-bot").all_text_contents()
    return "\n".join(texts[after:])


def say(page: Page, text: str, reply: str) -> str:
    """Type ``text`` and press Enter; wait for a bot reply matching ``reply``; return it."""
    before = bot_count(page)
    page.locator("#pw-input").fill(text)
    page.keyboard.press("Enter")
    return wait_reply(page, before, reply)


def hand_over(page: Page, name: str, email: str) -> str:
    """Ask for a person, consent, give a name and an email; return the reference number."""
    say(page, "can I talk to a real person please", r"Is that OK\?")
    say(page, "yes", r"What's your name")
    say(page, name, r"email address or phone number")
    done = say(page, email, r"your reference is")
    match = REFERENCE.search(done)
    assert match, done
    return match.group(0)


def axe_violations(page: Page, context: str = "document") -> List[Dict[str, Any]]:
    """axe-core's violations on ``page`` (every rule axe runs by default), as dicts."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    result: Dict[str, Any] = page.evaluate(
        f"async () => await axe.run({context}, {{resultTypes: ['violations']}})"
    )
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"],
         "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]  # fmt: skip


def describe(violations: List[Dict[str, Any]]) -> str:
    """Violations, readable in a failure message."""
    return json.dumps(violations, indent=1)


def new_email() -> str:
    """A learner's email address no other test uses."""
    return f"learner.{uuid.uuid4().hex[:8]}@example.com"


def learner_enquiry(page: Page, url: str, name: str, aside: str = "") -> str:
    """A learner's whole visit: course, interests, routes, (``aside``), a hand-over.

    Returns the reference number the widget shows.
    """
    page.goto(url + "/")
    open_widget(page)
    say(page, "im doing the ext dip in enginering at northgate", r"Extended Diploma in Engineering")
    say(page, "I want something with robots", r"Ask me about any of them")
    if aside:
        say(page, aside, r".")
    return hand_over(page, name, new_email())


def log_in(page: Page, url: str, email: str, password: str) -> None:
    """Log in to the adviser console; the queue is shown."""
    page.goto(url + "/advisers/login")
    page.locator("#login-email").fill(email)
    page.locator("#login-password").fill(password)
    page.locator("#login-submit").click()
    expect(page.locator("#current-adviser")).to_be_visible()
