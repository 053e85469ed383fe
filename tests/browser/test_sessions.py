"""The console's session attacks of issue 15, repeated against the real servers: all fail.

A cookie copied before logout, a password change or disabling the account is worth
nothing afterwards; a cookie forged with the old weak key is rejected (and the web
front does not start with a weak key at all); wrong passwords slow an attacker down
but never lock the right password out from elsewhere; ``next=`` never leaves the
console. Real chromium (Playwright) and the real web front (``python -m web serve``).
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess
import sys
import time
from typing import Iterator
from urllib.parse import urlsplit

import pytest
from cryptography.fernet import Fernet
from playwright.sync_api import Browser, BrowserContext, Page, expect

from pathways_catalogue.settings import PROJECT_ROOT
from tests.browser.chat import log_in
from tests.browser.conftest import PASSWORD, Shots, Stack

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

COOKIE = "pathways_console"
NEW_PASSWORD = "another long passphrase"


def cookie_of(context: BrowserContext) -> str:
    """The console cookie the browser holds."""
    found = [c["value"] for c in context.cookies() if c["name"] == COOKIE]
    assert found, "the browser has a console cookie"
    return found[0]


@pytest.fixture
def attacker(browser: Browser) -> Iterator[BrowserContext]:
    """Another browser profile (the attacker's computer)."""
    ctx = browser.new_context()
    yield ctx
    ctx.close()


def replay(attacker: BrowserContext, stack: Stack, cookie: str) -> int:
    """The status of the queue fetched from the attacker's browser with a copied cookie."""
    attacker.clear_cookies()
    attacker.add_cookies([{"name": COOKIE, "value": cookie, "url": f"{stack.url}/advisers/"}])
    return attacker.request.get(f"{stack.url}/advisers/", max_redirects=0).status


def test_a_cookie_copied_before_logout_is_refused_after_it(
    stack: Stack, page: Page, attacker: BrowserContext, shots: Shots
) -> None:
    email = stack.add_adviser("Lou Out", "northgate")
    log_in(page, stack.url, email, PASSWORD)
    copied = cookie_of(page.context)
    assert replay(attacker, stack, copied) == 200  # the copy works while logged in
    page.locator("#logout-button").click()
    expect(page.locator("#flash")).to_have_text("You have logged out.")
    shots.take(page, "logged-out")
    assert replay(attacker, stack, copied) == 302


def test_a_password_change_ends_every_other_session(
    stack: Stack, page: Page, attacker: BrowserContext, shots: Shots
) -> None:
    email = stack.add_adviser("Cam Change", "northgate")
    log_in(page, stack.url, email, PASSWORD)
    copied = cookie_of(page.context)
    page.get_by_role("link", name="Change password").click()
    page.locator("#password-current").fill(PASSWORD)
    page.locator("#password-new").fill(NEW_PASSWORD)
    page.locator("#password-again").fill(NEW_PASSWORD)
    page.locator("#password-submit").click()
    expect(page.locator("#flash")).to_contain_text("Your password has been changed")
    shots.take(page, "password-changed")
    assert replay(attacker, stack, copied) == 302
    page.goto(f"{stack.url}/advisers/")  # this browser got a fresh session
    expect(page.locator("#current-adviser")).to_have_text("Cam Change")


def test_disabling_an_account_ends_its_sessions_and_a_reset_does_too(
    stack: Stack, page: Page, attacker: BrowserContext, browser: Browser, shots: Shots
) -> None:
    reset_me = stack.add_adviser("Rae Reset", "northgate")
    disable_me = stack.add_adviser("Dee Disabled", "northgate")
    copies = {}
    for email in (reset_me, disable_me):
        ctx = browser.new_context()
        log_in(ctx.new_page(), stack.url, email, PASSWORD)
        copies[email] = cookie_of(ctx)
        ctx.close()
        assert replay(attacker, stack, copies[email]) == 200

    coordinator = stack.add_adviser("Coco Ordinator", "network", role="coordinator")
    log_in(page, stack.url, coordinator, PASSWORD)
    page.get_by_role("link", name="Team").click()
    row = page.locator("#team-table tr", has_text=reset_me)
    row.get_by_role("button", name=re.compile("^Reset password")).click()
    temporary = page.locator("#temporary-password").inner_text()
    assert len(temporary) >= 12
    shots.take(page, "password-reset")
    assert replay(attacker, stack, copies[reset_me]) == 302
    page.get_by_role("link", name="Back to the team").click()
    row = page.locator("#team-table tr", has_text=disable_me)
    row.get_by_role("button", name=re.compile("^Disable")).click()
    expect(page.locator("#flash")).to_contain_text("disabled")
    expect(page.locator("#account-events")).to_contain_text("Disabled")
    shots.take(page, "disabled")
    assert replay(attacker, stack, copies[disable_me]) == 302


def test_a_cookie_forged_with_the_old_weak_key_is_rejected(
    stack: Stack, attacker: BrowserContext
) -> None:
    weak = base64.urlsafe_b64encode(hashlib.sha256(b"changeme").digest())
    payload = {"created": int(time.time()), "session": {"adviser_id": 1, "csrf": "x"}}
    forged = Fernet(weak).encrypt(json.dumps(payload).encode()).decode()
    assert replay(attacker, stack, forged) == 302
    export = attacker.request.get(f"{stack.url}/advisers/export.csv", max_redirects=0)
    assert export.status == 401


def test_the_web_front_does_not_start_with_a_weak_key(stack: Stack) -> None:
    env = stack.deployment.env(WEB_SECRET_KEY="changeme")
    done = subprocess.run(
        [sys.executable, "-m", "web", "serve", "--port", "0"], cwd=PROJECT_ROOT, env=env,
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert "WEB_SECRET_KEY must be at least 32 random bytes" in done.stderr
    assert "secrets.token_urlsafe(32)" in done.stderr


def test_wrong_passwords_never_lock_the_right_one_out_from_elsewhere(
    stack: Stack, page: Page, attacker: BrowserContext
) -> None:
    email = stack.add_adviser("Bo Backoff", "northgate")
    login = attacker.new_page()
    for _ in range(6):
        login.goto(f"{stack.url}/advisers/login")
        login.locator("#login-email").fill(email)
        login.locator("#login-password").fill("a wrong guess entirely")
        login.locator("#login-submit").click()
        expect(login.locator("#form-error")).to_be_visible()
    started = time.perf_counter()
    log_in(page, stack.url, email, PASSWORD)  # the owner, on their own computer
    assert time.perf_counter() - started < 20
    expect(page.locator("#current-adviser")).to_have_text("Bo Backoff")


NEXT_VARIANTS = [
    "//evil.example",
    "/advisers/..//evil.example",
    "/advisers/../..//evil.example",
    "/advisers/%2e%2e//evil.example",
    "/advisers/..%2f%2fevil.example",
    "/advisers/\\evil.example",
    "/advisers/..\\evil.example",
    "https://evil.example/",
    "/advisers//evil.example",
    "/advisers/./../%2F%2Fevil.example",
]


@pytest.mark.parametrize("target", NEXT_VARIANTS)
def test_next_never_leads_off_the_console(stack: Stack, browser: Browser, target: str) -> None:
    email = stack.add_adviser("Nat Next", "northgate")
    ctx = browser.new_context()
    try:
        page = ctx.new_page()
        page.goto(f"{stack.url}/advisers/login?next={target}")
        page.locator("#login-email").fill(email)
        page.locator("#login-password").fill(PASSWORD)
        page.locator("#login-submit").click()
        expect(page.locator("#current-adviser")).to_be_visible()
        where = urlsplit(page.url)
        assert (where.scheme, where.netloc) == ("http", urlsplit(stack.url).netloc), page.url
        assert where.path.startswith("/advisers/") and "//" not in where.path, page.url
    finally:
        ctx.close()
