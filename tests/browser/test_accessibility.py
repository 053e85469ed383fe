"""WCAG 2.2 AA checks: axe-core finds nothing, the widget works by keyboard, at 320 px and 200%.

axe-core comes from npm (``make assets`` copies it to ``web/static/vendor/``) and is
injected into each page; every rule it runs by default counts (WCAG A/AA and its best
practices), and the pass mark is zero violations.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.chat import (
    LAUNCHER,
    axe_violations,
    describe,
    learner_enquiry,
    log_in,
    open_widget,
    say,
    wait_reply,
)
from tests.browser.conftest import PASSWORD, Dialogs, Shots, Stack

pytestmark = [pytest.mark.slow, pytest.mark.e2e]


def assert_no_violations(page: Page, where: str) -> None:
    """axe-core reports no violation on ``page`` (screenshots go before: axe scrolls)."""
    violations = axe_violations(page)
    assert violations == [], f"{where}:\n{describe(violations)}"


def fits_width(page: Page) -> None:
    """Nothing scrolls sideways: not the page, not the conversation, not the panel."""
    sizes = page.evaluate(
        """() => {
             const box = document.querySelector('#pw-panel').getBoundingClientRect();
             const scroller = document.querySelector('.pw-scroller');
             return {page: document.documentElement.scrollWidth, width: window.innerWidth,
                     left: box.left, right: box.right,
                     inner: scroller.scrollWidth, shown: scroller.clientWidth};
           }"""
    )
    assert sizes["page"] <= sizes["width"], sizes
    assert sizes["left"] >= 0 and sizes["right"] <= sizes["width"], sizes
    assert sizes["inner"] <= sizes["shown"], sizes


def test_pages_have_no_axe_violations(stack: Stack, page: Page, shots: Shots) -> None:
    page.goto(stack.url + "/")
    expect(page.get_by_role("button", name=LAUNCHER)).to_be_visible()
    shots.take(page, "page")
    assert_no_violations(page, "the college page")

    reference = learner_enquiry(page, stack.url, "Alex Green")
    shots.top(page, ".pw-route")
    shots.take(page, "widget-routes")
    assert_no_violations(page, "the open widget with route cards")

    institution = stack.enquiry(reference).institution_id
    assert institution
    email = stack.add_adviser("Ann Access", institution)
    log_in(page, stack.url, email, PASSWORD)
    expect(page.locator(f"#row-{reference}")).to_be_visible()
    shots.take(page, "queue", full_page=True)
    assert_no_violations(page, "the queue")
    page.goto(f"{stack.url}/advisers/enquiries/{reference}")
    expect(page.locator("#transcript-list")).to_be_visible()
    shots.take(page, "detail", full_page=True)
    assert_no_violations(page, "the detail page")


def test_widget_works_with_the_keyboard_alone(stack: Stack, page: Page, shots: Shots) -> None:
    page.goto(stack.url + "/")
    launcher = page.get_by_role("button", name=LAUNCHER)
    for _ in range(40):  # Tab through the page until the launcher has the focus
        page.keyboard.press("Tab")
        if launcher.evaluate("b => b === document.activeElement"):
            break
    expect(launcher).to_be_focused()
    expect(launcher).to_have_attribute("aria-expanded", "false")
    shots.take(page, "launcher-focused")

    page.keyboard.press("Enter")
    panel = page.get_by_role("dialog", name="Ask Pathways about your next course")
    expect(panel).to_be_visible()
    expect(page.locator("#pw-input")).to_be_focused()
    page.keyboard.type("L3 motor vehicle")
    page.keyboard.press("Enter")
    wait_reply(page, 0, r".")
    expect(page.locator(".pw-user")).to_have_text("You: L3 motor vehicle")
    # new bot messages are read out by the polite live region
    live = page.locator(".pw-root [aria-live='polite']")
    expect(live).to_contain_text("Pathways says:")
    # Shift+Tab reaches the reply's buttons (or the conversation), Tab comes back
    page.keyboard.press("Shift+Tab")
    focused = page.evaluate("document.activeElement.className")
    assert "pw-button" in focused or "pw-scroller" in focused, focused
    shots.take(page, "keyboard-in-conversation")

    page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(launcher).to_be_focused()
    expect(launcher).to_have_attribute("aria-expanded", "false")
    shots.take(page, "closed-with-escape")
    page.keyboard.press("Enter")
    expect(page.locator("#pw-input")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator(".pw-send")).to_be_focused()


def test_widget_at_320_px_and_at_200_percent_zoom(
    stack: Stack,
    browser: Browser,
    context: BrowserContext,
    page: Page,
    shots: Shots,
    dialogs: Dialogs,
) -> None:
    page.goto(stack.url + "/")
    open_widget(page)
    say(page, "im doing the ext dip in enginering at northgate", r"Extended Diploma in Engineering")
    say(page, "I want something with robots", r"Ask me about any of them")

    page.set_viewport_size({"width": 320, "height": 640})
    shots.top(page, ".pw-route")
    fits_width(page)
    expect(page.locator(".pw-send")).to_be_in_viewport()
    expect(page.get_by_role("button", name="Close chat")).to_be_in_viewport()
    shots.take(page, "320px")
    assert_no_violations(page, "the widget at 320 px")

    # 200% zoom of a 1280x900 screen: half the CSS pixels, twice the device pixels
    zoomed = browser.new_context(
        viewport={"width": 640, "height": 450}, device_scale_factor=2,
        storage_state=context.storage_state(), bypass_csp=True,
    )  # fmt: skip
    zoomed.on("page", dialogs.watch)
    try:
        big = zoomed.new_page()
        big.goto(stack.url + "/")
        expect(big.locator("#pw-panel")).to_be_visible()  # still open: kept in localStorage
        expect(big.locator(".pw-route").first).to_be_attached()
        shots.top(big, ".pw-route")
        fits_width(big)
        expect(big.locator(".pw-send")).to_be_in_viewport()
        shots.take(big, "zoom-200")
        assert_no_violations(big, "the widget at 200% zoom")
        big.locator("#pw-input").focus()
        big.keyboard.press("Escape")
        expect(big.get_by_role("button", name=LAUNCHER)).to_be_focused()
        shots.take(big, "zoom-200-page")
        assert_no_violations(big, "the page at 200% zoom")
    finally:
        zoomed.close()
