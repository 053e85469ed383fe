"""Route cards in the widget: each route once, and "I'm interested" filing an enquiry.

A learner sees each route once, as a card that starts with its title, and says "I'm
interested" on one: consent, contact, and the enquiry reaches that institution.

Everything is real: the widget over socket.io, Rasa, the actions, the catalogue and
the adviser console. The enquiry is read back from the database.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.chat import (
    REFERENCE,
    axe_violations,
    bot_count,
    describe,
    log_in,
    new_email,
    open_widget,
    say,
    wait_reply,
)
from tests.browser.conftest import PASSWORD, Shots, Stack

pytestmark = [pytest.mark.slow, pytest.mark.e2e]


def show_routes(page: Page, url: str) -> None:
    """A learner's course and interest: route cards are shown."""
    page.goto(url + "/")
    open_widget(page)
    say(page, "im doing the ext dip in enginering at northgate", r"Extended Diploma in Engineering")
    say(page, "I want something with robots", r"Ask me about any of them")
    expect(page.locator(".pw-route").first).to_be_visible()


def test_each_route_is_shown_once_as_a_card_starting_with_its_title(
    stack: Stack, page: Page, shots: Shots
) -> None:
    show_routes(page, stack.url)
    cards = page.locator(".pw-route")
    assert cards.count() >= 2, stack.logs()
    # no text summary beside the cards ("1. FdSc ... Then: ...")
    summaries = page.locator(".pw-bot .pw-text").filter(has_text=re.compile(r"^\d\. .+\(level \d"))
    expect(summaries).to_have_count(0)
    for index in range(cards.count()):
        card = cards.nth(index)
        expect(card.locator(".pw-text")).to_have_count(0)
        heading = card.locator("h3.pw-route-heading")
        title = heading.inner_text().strip()
        assert title and title != "Your course now"
        # the card starts with the title, and the card is named by it
        assert card.inner_text().strip().startswith(title)
        expect(card).to_have_accessible_name(title)
        # (the routes come twice: from the course, then matching the interest)
        expect(card.locator(".pw-route-label")).to_contain_text(re.compile(r"^Route \d ·"))
        expect(card.locator(".pw-course-where").first).not_to_be_empty()
        expect(card.get_by_role("button", name=re.compile(r"^I'm interested in "))).to_have_count(1)
    # the live region read the whole route out (the text is no longer sent)
    expect(page.locator(".pw-root [aria-live='polite']")).to_contain_text("Route 1: ")
    violations = axe_violations(page, "document.querySelector('.pw-panel')")
    assert violations == [], describe(violations)
    shots.top(page, ".pw-route")
    shots.take(page, "cards")


def test_im_interested_files_an_enquiry_with_the_routes_institution(
    stack: Stack, page: Page, shots: Shots
) -> None:
    show_routes(page, stack.url)
    # the second route of the latest routes shown (the course's, then the interest's)
    label = page.locator(".pw-route-label", has_text="Route 2 ")
    card = page.locator(".pw-route").filter(has=label).last
    title = card.locator("h3.pw-route-heading").inner_text().strip()
    where = card.locator(".pw-course-where").first.inner_text()
    institution = where.split(",")[0].strip()

    before = bot_count(page)
    card.get_by_role("button", name=f"I'm interested in {title} at {institution}").click()
    consent = wait_reply(page, before, r"Is that OK\?")
    assert institution in consent and title in consent
    shots.take(page, "consent")
    before = bot_count(page)
    page.locator(".pw-bot").last.get_by_role("button", name="Yes, that's fine").click()
    wait_reply(page, before, r"What's your name")
    say(page, "Ivy Interested", r"email address or phone number")
    email = new_email()
    done = say(page, email, r"your reference is")
    assert institution in done and title in done, done
    match = REFERENCE.search(done)
    assert match, done
    reference = match.group(0)
    shots.take(page, "reference")

    enquiry = stack.enquiry(reference)
    assert (enquiry.kind, enquiry.email, enquiry.learner_name) == (
        "route_interest", email, "Ivy Interested"
    )
    chosen = json.loads(enquiry.interest_route)
    assert chosen["position"] == 2 and chosen["steps"][0]["title"] == title
    assert enquiry.institution_id == chosen["steps"][0]["institution_id"]
    assert institution in enquiry.consent_text

    adviser = stack.add_adviser("Rita Receiving", str(enquiry.institution_id))
    page.context.clear_cookies()
    log_in(page, stack.url, adviser, PASSWORD)
    row = page.locator(f"#row-{reference}")
    expect(row.locator("td.kind-cell")).to_have_text("Route interest")
    expect(row).to_contain_text(institution)
    page.locator("#filter-kind").select_option("route_interest")
    page.locator("#filter-submit").click()
    expect(page.locator(f"#row-{reference}")).to_be_visible()
    page.locator(f"#row-{reference} a.enquiry-link").click()
    expect(page.locator("#enquiry-kind")).to_contain_text("Route interest")
    expect(page.locator("section#interest")).to_contain_text(title)
    shots.take(page, "console-detail", full_page=True)
