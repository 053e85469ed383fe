"""The widget keeps a conversation on this computer for 30 days at most, and clears it.

On a shared college PC the next person must not read the last one's chat: what the
widget kept in localStorage (messages, contact details included, and the session id)
expires 30 days after the last message, and "Clear this chat" wipes it at once and
starts a new conversation. Real chromium, the real servers.
"""

from __future__ import annotations

import json
from typing import Any, Dict

import pytest
from playwright.sync_api import Page, expect

from tests.browser.chat import REPLY_TIMEOUT_MS, axe_violations, describe, open_widget, say
from tests.browser.conftest import Shots, Stack

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

DAY_MS = 24 * 60 * 60 * 1000
PHONE = "07700 900 123"


def stored(page: Page) -> Dict[str, Any]:
    """What the widget keeps in localStorage (keys starting "pathways:")."""
    raw: Dict[str, str] = page.evaluate(
        """() => Object.fromEntries(Object.keys(localStorage)
             .filter(k => k.startsWith('pathways:')).map(k => [k, localStorage.getItem(k)]))"""
    )
    return {key: json.loads(value) for key, value in raw.items()}


def chat_with_a_number(page: Page, url: str) -> str:
    """A learner's chat that holds a phone number; returns the session id."""
    page.goto(url + "/")
    open_widget(page)
    say(page, f"hi, my number is {PHONE}", r".")
    kept = stored(page)
    assert PHONE in json.dumps(kept["pathways:history"])
    assert kept["pathways:session"]
    return str(kept["pathways:session"])


def age_conversation(page: Page, days: float) -> None:
    """Pretend the last message was ``days`` ago."""
    page.evaluate(
        "([days, day]) => localStorage.setItem('pathways:active', "
        "JSON.stringify(Date.now() - days * day))",
        [days, DAY_MS],
    )


def test_a_conversation_quiet_for_30_days_is_gone_from_this_computer(
    stack: Stack, page: Page, shots: Shots
) -> None:
    session = chat_with_a_number(page, stack.url)
    age_conversation(page, 29)
    page.reload()
    expect(page.locator(".pw-user").filter(has_text=PHONE)).to_have_count(1)  # still kept
    # the widget reopens and reconnects: a reload is not a message, so the date stays
    expect(page.locator(".pw-status-text")).to_have_text("Online", timeout=REPLY_TIMEOUT_MS)
    assert stored(page)["pathways:session"] == session
    assert stored(page)["pathways:active"] < page.evaluate("Date.now()") - 28 * DAY_MS

    age_conversation(page, 31)
    page.reload()
    open_widget(page)
    expect(page.locator(".pw-message")).to_have_count(0)
    kept = stored(page)
    assert "pathways:history" not in kept and PHONE not in json.dumps(kept)
    assert kept.get("pathways:session") != session  # a new conversation
    shots.take(page, "expired")


def test_an_undated_conversation_from_an_older_widget_is_wiped(stack: Stack, page: Page) -> None:
    page.goto(stack.url + "/")
    # the page's own widget writes its session and when it was active once the server
    # confirms the session: let it, before writing what an older widget left behind
    page.wait_for_function("() => localStorage.getItem('pathways:session') !== null")
    page.evaluate(
        """phone => { localStorage.setItem('pathways:history', JSON.stringify(
             [{from: 'user', text: 'my number is ' + phone}]));
           localStorage.setItem('pathways:session', JSON.stringify('old-session'));
           localStorage.removeItem('pathways:active'); }""",
        PHONE,
    )
    page.reload()
    open_widget(page)
    expect(page.locator(".pw-message")).to_have_count(0)
    assert PHONE not in json.dumps(stored(page))


def test_clear_this_chat_wipes_it_and_starts_a_new_conversation(
    stack: Stack, page: Page, shots: Shots
) -> None:
    session = chat_with_a_number(page, stack.url)
    clear = page.get_by_role("button", name="Clear this chat")
    expect(clear).to_be_visible()
    violations = axe_violations(page, "document.querySelector('.pw-root')")
    assert violations == [], describe(violations)
    shots.take(page, "before-clear")
    clear.focus()
    page.keyboard.press("Enter")  # works from the keyboard
    expect(page.locator(".pw-message")).to_have_count(0)
    expect(page.locator("#pw-input")).to_be_focused()
    expect(page.locator(".pw-root [aria-live]")).to_contain_text("Chat cleared")
    page.wait_for_function(
        "old => { const s = localStorage.getItem('pathways:session');"
        " return s && JSON.parse(s) !== old; }",
        arg=session,
    )
    kept = stored(page)
    assert PHONE not in json.dumps(kept) and "pathways:history" not in kept
    shots.take(page, "after-clear")

    say(page, "hello", r".")  # the new conversation works
    assert stored(page)["pathways:session"] not in (None, session)
    page.reload()
    expect(page.locator(".pw-user").filter(has_text=PHONE)).to_have_count(0)
