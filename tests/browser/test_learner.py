"""A learner on the demo college page: routes, a hand-over to an adviser, a reload.

Everything is real: the page from the web front, the widget over socket.io (CORS)
to the Rasa server, the actions and the catalogue. The enquiry is read back from the
database.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from pathways_catalogue.db import make_engine
from pathways_catalogue.models import Course
from tests.browser.chat import bot_count, hand_over, new_email, open_widget, say, wait_reply
from tests.browser.conftest import Shots, Stack

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

KIND_LABELS = {
    "Guaranteed place", "Guaranteed interview", "Advanced entry", "Credit recognised",
    "Recognised route", "No formal agreement: apply as usual",
}  # fmt: skip


def catalogue_titles(stack: Stack) -> set:
    """Every course title of the deployment's catalogue."""
    engine = make_engine(stack.deployment.db_url)
    try:
        with Session(engine, future=True) as session:
            return set(session.execute(select(Course.title)).scalars())
    finally:
        engine.dispose()


def test_learner_gets_route_cards_and_a_reference_that_survive_a_reload(
    stack: Stack, context: BrowserContext, page: Page, shots: Shots
) -> None:
    page.goto(stack.url + "/")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("What could you do after your course?")
    expect(page.locator("pre code")).to_contain_text("pathways-widget.js")
    shots.take(page, "college-page")

    open_widget(page)
    expect(page.locator(".pw-welcome")).to_contain_text("Tell me what course")
    say(page, "hi", r"What course are you doing")
    shots.take(page, "widget-open-greeting")

    say(page, "im doing the ext dip in enginering at northgate", r"Extended Diploma in Engineering")
    shots.take(page, "course-recognised")

    say(page, "I want something with robots", r"Ask me about any of them")
    cards = page.locator(".pw-route")
    expect(cards.first).to_be_visible()
    assert cards.count() >= 2, stack.logs()
    known = catalogue_titles(stack)
    # each card starts with the title of its next course; the later steps have theirs
    headings = page.locator(".pw-route .pw-route-heading").all_text_contents()
    titles = headings + page.locator(".pw-route .pw-course-title").all_text_contents()
    assert len(headings) == cards.count() and set(titles) <= known, titles
    kinds = set(page.locator(".pw-route .pw-kind").all_text_contents())
    assert kinds and kinds <= KIND_LABELS, kinds
    first = cards.first
    expect(first.locator(".pw-route-label")).to_contain_text("Route 1")
    expect(first.get_by_role("heading", level=3)).to_have_text(headings[0])
    expect(first.locator(".pw-course-where").first).not_to_be_empty()
    expect(first.locator(".pw-contact a[href^='mailto:']")).to_have_count(1)
    expect(first.get_by_role("button", name="Talk to an adviser")).to_be_visible()
    shots.top(page, ".pw-route")
    shots.take(page, "route-card")
    # the live region said the routes aloud, as text
    expect(page.locator(".pw-root [aria-live='polite']")).to_contain_text("Pathways says:")

    email = new_email()
    reference = hand_over(page, "Sam Patel", email)
    shots.take(page, "reference-number")
    messages_before = bot_count(page)
    session_id = page.evaluate("localStorage.getItem('pathways:session')")

    page.reload()
    expect(page.locator("#pw-panel")).to_be_visible()
    expect(page.locator(".pw-status-text")).to_have_text("Online", timeout=90_000)
    expect(page.locator(".pw-messages")).to_contain_text(reference)
    assert bot_count(page) == messages_before
    assert page.evaluate("localStorage.getItem('pathways:session')") == session_id
    expect(page.locator(".pw-route")).to_have_count(cards.count())
    shots.take(page, "after-reload")

    # the same conversation goes on after the reload, and in a second tab
    say(page, "thanks", r".")
    other = context.new_page()
    other.goto(stack.url + "/")
    expect(other.locator(".pw-messages")).to_contain_text(reference)
    shots.take(other, "second-tab")
    other.close()

    enquiry = stack.enquiry(reference)
    assert enquiry.email == email
    assert enquiry.learner_name == "Sam Patel"
    assert enquiry.channel == "socketio"
    # stored under the session the server signed for this widget (docs/security.md)
    assert enquiry.sender_id == "socketio:" + json.loads(session_id).split(".")[0]
    assert "robots" in enquiry.transcript


def test_a_message_over_10_kb_is_not_sent_and_the_learner_is_told(
    stack: Stack, page: Page, shots: Shots
) -> None:
    page.goto(stack.url + "/")
    open_widget(page)
    page.locator("#pw-input").fill("é" * 5200)  # 10,400 bytes of UTF-8, 5,200 characters
    note = page.locator("#pw-note")
    expect(note).to_contain_text("too long to send")
    expect(page.locator("#pw-input")).to_have_attribute("aria-invalid", "true")
    page.keyboard.press("Enter")
    shots.take(page, "too-long-note")
    expect(page.locator(".pw-user")).to_have_count(0)
    page.locator("#pw-input").fill("hello")
    expect(note).to_be_empty()
    page.keyboard.press("Enter")
    wait_reply(page, 0, r".")
    expect(page.locator(".pw-user")).to_have_count(1)


def test_widget_shows_a_lost_connection_and_reconnects_on_its_own(
    stack: Stack, context: BrowserContext, page: Page, shots: Shots
) -> None:
    page.goto(stack.url + "/")
    open_widget(page)
    status = page.locator(".pw-status-text")
    context.set_offline(True)
    # the socket notices at once, or at the latest when the server's pings stop (~45 s)
    expect(status).not_to_have_text("Online", timeout=90_000)
    expect(page.locator(".pw-root [aria-live='polite']")).to_contain_text("Connection lost")
    shots.take(page, "offline")
    context.set_offline(False)
    expect(status).to_have_text("Online", timeout=90_000)
    say(page, "hi", r"What course are you doing")
    shots.take(page, "reconnected")
