"""The widget's thumbs up / down, stored in the conversation; the insights page that counts them.

Everything is real: the widget over socket.io to the Rasa server, the rating event
stored in the tracker store, ``python -m insights refresh`` on that deployment, and a
coordinator's browser on ``/advisers/insights`` (axe-core: no violations).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select
from sqlalchemy.orm import Session

from insights.job import EVENTS
from pathways_catalogue.settings import PROJECT_ROOT
from storage import make_engine
from tests.browser.chat import axe_violations, describe, log_in, open_widget, say
from tests.browser.conftest import PASSWORD, Shots, Stack

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

DOCS_IMG = PROJECT_ROOT / "docs" / "img" / "console-insights.png"


def stored_ratings(stack: Stack, session_id: str) -> list:
    """The values the ``rating`` slot took in the widget's conversation (tracker store)."""
    engine = make_engine(stack.deployment.tracker_url)
    try:
        with Session(engine, future=True) as session:
            rows = session.execute(
                select(EVENTS.c.data).where(
                    EVENTS.c.sender_id == f"socketio:{session_id}", EVENTS.c.type_name == "slot"
                ).order_by(EVENTS.c.id)
            ).scalars()
            events = [json.loads(r) for r in rows]
    finally:
        engine.dispose()
    return [e["value"] for e in events if e.get("name") == "rating"]


def test_rating_buttons_store_the_rating_and_the_coordinator_sees_the_insights(
    stack: Stack, page: Page, shots: Shots
) -> None:
    page.goto(stack.url + "/")
    open_widget(page)
    up, down = page.locator("#pw-rate-up"), page.locator("#pw-rate-down")
    expect(up).to_have_attribute("aria-pressed", "false")
    say(page, "im doing the ext dip in enginering at northgate", r"Extended Diploma in Engineering")
    token = json.loads(page.evaluate("localStorage.getItem('pathways:session')"))
    session_id = token.split(".")[0]  # the signed id's session: socketio:<session>

    up.click()
    expect(up).to_have_attribute("aria-pressed", "true")
    expect(down).to_have_attribute("aria-pressed", "false")
    expect(page.locator("#pw-note")).to_have_text("Thank you for your feedback.")
    # by keyboard: change to thumbs down, and add a comment
    down.focus()
    page.keyboard.press("Space")
    expect(down).to_have_attribute("aria-pressed", "true")
    expect(up).to_have_attribute("aria-pressed", "false")
    comment = page.locator("#pw-rate-comment")
    expect(comment).to_be_visible()
    comment.fill("The routes were good, ring me on 07700 900123")
    page.locator("#pw-rate-send").click()
    expect(comment).to_be_hidden()
    violations = axe_violations(page)
    assert not violations, describe(violations)
    shots.take(page, "widget-rated")

    stored = stored_ratings(stack, session_id)
    assert stored[:2] == [{"value": "up", "comment": ""}, {"value": "down", "comment": ""}], stored
    assert stored[-1] == {"value": "down",
                          "comment": "The routes were good, ring me on [phone]"}  # fmt: skip

    deployment = stack.deployment
    done = subprocess.run(
        [sys.executable, "-m", "insights", "refresh"], cwd=PROJECT_ROOT,
        env=deployment.env(), capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr

    email = stack.add_adviser("Cora Coordinator", "network", role="coordinator")
    log_in(page, stack.url, email, PASSWORD)
    page.locator("#insights-link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Insights")
    expect(page.locator("#insights-summary")).to_be_visible()
    expect(page.locator("#insights-ratings")).to_contain_text("Thumbs down")
    expect(page.locator("#insights-weeks tbody tr").first).to_be_visible()
    assert page.evaluate("typeof window.Chart") == "function"
    assert "<5" in page.locator("#insights-summary").inner_text()  # a handful of chats
    assert "07700" not in page.content()
    violations = axe_violations(page)
    assert not violations, describe(violations)
    page.set_viewport_size({"width": 1100, "height": 900})
    shutil.copyfile(shots.take(page, "insights", full_page=True), DOCS_IMG)

    # an adviser is refused
    page.locator("#logout-button").click()
    adviser = stack.add_adviser("Ada Adviser", "northgate")
    log_in(page, stack.url, adviser, PASSWORD)
    expect(page.locator("#insights-link")).to_have_count(0)
    response = page.goto(stack.url + "/advisers/insights")
    assert response is not None and response.status == 403
