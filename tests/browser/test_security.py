"""Markup a learner types stays text, the console needs a login, and institutions stay apart.

The ``dialogs`` fixture (tests/browser/conftest.py) fails any test whose pages opened
a JavaScript dialog, so an ``alert(1)`` that ran anywhere fails these tests.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.chat import learner_enquiry, log_in
from tests.browser.conftest import PASSWORD, Shots, Stack

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

XSS = "<script>alert(1)</script> <img src=x onerror=alert(1)> I like robots"


def no_injected_markup(page: Page, scope: str) -> None:
    """No element the learner's text could have made exists inside ``scope``."""
    assert page.locator(f"{scope} script").count() == 0
    assert page.locator(f"{scope} img").count() == 0
    assert page.locator(f"{scope} [onerror]").count() == 0


def test_learner_markup_is_shown_as_text_in_the_widget_and_the_console(
    stack: Stack, page: Page, shots: Shots
) -> None:
    reference = learner_enquiry(page, stack.url, "Jo Bloggs", aside=XSS)
    typed = page.locator(".pw-user").filter(has_text="alert(1)")
    expect(typed).to_have_count(1)
    expect(typed.locator(".pw-text")).to_have_text(XSS)
    no_injected_markup(page, ".pw-messages")
    typed.scroll_into_view_if_needed()
    shots.take(page, "widget-escaped")
    page.reload()  # from localStorage, still text
    expect(page.locator(".pw-user .pw-text").filter(has_text="alert(1)")).to_have_text(XSS)
    no_injected_markup(page, ".pw-messages")

    institution = stack.enquiry(reference).institution_id
    assert institution
    email = stack.add_adviser("Mo Ahmed", institution)
    page.context.clear_cookies()
    log_in(page, stack.url, email, PASSWORD)
    page.goto(f"{stack.url}/advisers/enquiries/{reference}")
    turn = page.locator("#transcript-list li.turn[data-who='learner']").filter(has_text="alert(1)")
    expect(turn).to_have_count(1)
    expect(turn).to_contain_text(XSS)
    no_injected_markup(page, "#main")
    turn.scroll_into_view_if_needed()
    shots.take(page, "console-escaped")


def test_console_needs_a_login(stack: Stack, page: Page, shots: Shots) -> None:
    request = page.context.request
    queue = request.get(f"{stack.url}/advisers/", max_redirects=0)
    assert queue.status in (302, 303), queue.status
    assert queue.headers["location"].startswith("/advisers/login")
    export = request.get(f"{stack.url}/advisers/export.csv", max_redirects=0)
    assert export.status == 401
    detail = request.get(f"{stack.url}/advisers/enquiries/PW-AAAAAA", max_redirects=0)
    assert detail.status in (302, 303, 401)
    assign = request.post(f"{stack.url}/advisers/enquiries/PW-AAAAAA/assign",
                          form={"adviser_id": "me"}, max_redirects=0)  # fmt: skip
    assert assign.status in (302, 303, 401, 403)
    page.goto(f"{stack.url}/advisers/")
    expect(page.locator("#login-form")).to_be_visible()
    shots.take(page, "login-required")


def test_an_adviser_cannot_open_another_institutions_enquiry(
    stack: Stack, page: Page, shots: Shots
) -> None:
    reference = learner_enquiry(page, stack.url, "Lee Morgan")
    institution = stack.enquiry(reference).institution_id
    assert institution
    other = "castle-cliff" if institution != "castle-cliff" else "northgate"
    email = stack.add_adviser("Pat Elsewhere", other)
    page.context.clear_cookies()
    log_in(page, stack.url, email, PASSWORD)
    expect(page.locator(f"#row-{reference}")).to_have_count(0)
    response = page.goto(f"{stack.url}/advisers/enquiries/{reference}")
    assert response is not None and response.status == 403
    expect(page.locator("body")).not_to_contain_text("Lee Morgan")
    shots.take(page, "forbidden")
    export = page.context.request.get(f"{stack.url}/advisers/export.csv")
    assert export.status == 200
    assert reference not in export.text()
