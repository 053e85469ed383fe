"""An adviser works an enquiry that a learner made in the widget: queue, detail, CSV.

The learner's visit is real (widget, socket.io, Rasa, actions); the adviser account
is made with the CLI, and everything after that is the console in the browser.
"""

from __future__ import annotations

import csv
import io

import pytest
from playwright.sync_api import Page, expect

from tests.browser.chat import learner_enquiry, log_in
from tests.browser.conftest import PASSWORD, Shots, Stack

pytestmark = [pytest.mark.slow, pytest.mark.e2e]


def test_adviser_sees_assigns_contacts_and_exports_the_enquiry(
    stack: Stack, page: Page, shots: Shots
) -> None:
    reference = learner_enquiry(page, stack.url, "Robin Ashby")
    institution = stack.enquiry(reference).institution_id
    assert institution, "the enquiry is for the institution of the route asked about"
    email = stack.add_adviser("Ada Lovelace", institution)
    page.context.clear_cookies()

    log_in(page, stack.url, email, PASSWORD)
    row = page.locator(f"#row-{reference}")
    expect(row).to_be_visible()
    expect(row.locator("td.status")).to_have_attribute("data-status", "new")
    expect(row).to_contain_text("Robin Ashby")
    shots.take(page, "queue", full_page=True)

    row.locator("a.enquiry-link").click()
    expect(page.locator("#enquiry-heading")).to_have_text(reference)
    expect(page.locator("#contact-name")).to_have_text("Robin Ashby")
    expect(page.locator("#contact-email")).to_contain_text("@example.com")
    expect(page.locator("section#profile dl")).to_contain_text("Engineering")
    expect(page.locator("#routes-list li.route").first).to_be_visible()
    learner_turns = page.locator("#transcript-list li.turn[data-who='learner']")
    expect(learner_turns.filter(has_text="robots")).to_have_count(1)
    expect(page.locator("#transcript-list li.turn[data-who='assistant']").first).to_be_visible()
    shots.take(page, "detail", full_page=True)

    page.locator("#assign-me").click()
    expect(page.locator("#flash")).to_be_visible()
    expect(page.locator("#enquiry-assignee")).to_have_text("Ada Lovelace")
    page.locator("#status-select").select_option("contacted")
    page.locator("#status-submit").click()
    expect(page.locator("#enquiry-status")).to_have_attribute("data-status", "contacted")
    expect(page.locator("#audit-table tr.audit-entry")).to_have_count(2)
    shots.take(page, "assigned-and-contacted", full_page=True)

    page.goto(stack.url + "/advisers/")
    expect(page.locator(f"#row-{reference} td.status")).to_have_attribute(
        "data-status", "contacted"
    )
    with page.expect_download() as info:
        page.locator("#export-csv").click()
    download = info.value
    assert download.suggested_filename == "enquiries.csv"
    path = download.path()
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    mine = [r for r in rows if r["reference"] == reference]
    assert len(mine) == 1, rows
    assert mine[0]["status"] == "contacted"
    assert mine[0]["learner_name"] == "Robin Ashby"
    assert mine[0]["assigned_to"] == "Ada Lovelace"
    assert mine[0]["institution_id"] == institution
    shots.take(page, "queue-after-export", full_page=True)
