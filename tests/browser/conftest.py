"""Fixtures for the browser tests (slow): the whole stack on loopback, and Debian's chromium.

The stack is what a college runs: the demo network's database and trained model (the
``demo`` fixture of ``tests/conftest.py``), the real action server, the Rasa server
with our socket.io channel and CORS allowing the web front's origin, and the web front
(``python -m web serve``: the college page with the widget, and the adviser console),
each on a free port of 127.0.0.1. Nothing of ours is mocked.

The browser is Debian's ``/usr/bin/chromium`` (``apt-get install chromium``), driven by
Playwright for Python; Playwright's own browser downloads are never used. Screenshots
go to ``artifacts/screenshots/`` (gitignored).
"""

from __future__ import annotations

import secrets
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Iterator, List, Optional, Type

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from sqlalchemy import select
from sqlalchemy.orm import Session

from enquiries.models import Enquiry
from evaluation.servers import Deployment, Servers
from launch.commands import web_front
from launch.process import free_port, spawn, stop, tail, wait_for
from pathways_catalogue.db import make_engine
from pathways_catalogue.settings import PROJECT_ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip
SCREENSHOTS = PROJECT_ROOT / "artifacts" / "screenshots"
AXE_JS = PROJECT_ROOT / "web" / "static" / "vendor" / "axe.min.js"
#: the password of the advisers the tests create
PASSWORD = "a long test passphrase"


class WebFront:
    """``python -m web serve`` for a deployment on a free loopback port (a context manager)."""

    def __init__(self, deployment: Deployment, port: int, rasa_url: str) -> None:
        self.deployment = deployment
        self.port = port
        self.rasa_url = rasa_url
        self.url = f"http://127.0.0.1:{port}"
        self._process: Optional[subprocess.Popen] = None

    @property
    def log(self) -> Path:
        """Where the web front writes its log."""
        return self.deployment.workdir / "web.log"

    def __enter__(self) -> WebFront:
        env = self.deployment.env(RASA_URL=self.rasa_url, WEB_SECRET_KEY=secrets.token_hex(32))
        self._process = spawn(web_front(self.port), env, self.log)
        wait_for(f"{self.url}/health", self._process, self.log)
        return self

    def __exit__(
        self,
        kind: Optional[Type[BaseException]],
        error: Optional[BaseException],
        trace: Optional[TracebackType],
    ) -> None:
        if self._process is not None:
            stop(self._process)


def add_adviser(deployment: Deployment, name: str, institution: str, role: str = "adviser") -> str:
    """Create a console account with the CLI (``python -m web advisers add``).

    Returns its email (new each time, so tests do not share accounts).
    """
    email = f"{name.split()[0].lower()}.{secrets.token_hex(3)}@{institution}.example"
    result = subprocess.run(
        [sys.executable, "-m", "web", "--db", deployment.db_url, "advisers", "add",
         "--email", email, "--name", name, "--role", role,
         "--institution", institution, "--password-stdin"],
        input=PASSWORD + "\n", cwd=PROJECT_ROOT, env=deployment.env(),
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return email


@dataclass(frozen=True)
class Stack:
    """The running servers of one deployment."""

    deployment: Deployment
    servers: Servers
    web: WebFront

    @property
    def url(self) -> str:
        """The web front (the college page is at ``/``, the console at ``/advisers/``)."""
        return self.web.url

    def logs(self) -> str:
        """The ends of the three servers' logs, for failure messages."""
        return "\n".join(
            f"--- {log.name}\n{tail(log, 2000)}"
            for log in (self.servers.rasa_log, self.servers.actions_log, self.web.log)
        )

    def add_adviser(self, name: str, institution: str, role: str = "adviser") -> str:
        """Create a console account with the CLI (see :func:`add_adviser`); returns its email."""
        return add_adviser(self.deployment, name, institution, role)

    def enquiry(self, reference: str) -> Enquiry:
        """The saved enquiry with ``reference`` (detached from its session)."""
        engine = make_engine(self.deployment.db_url)
        try:
            with Session(engine, future=True, expire_on_commit=False) as session:
                found = session.execute(
                    select(Enquiry).where(Enquiry.reference == reference)
                ).scalar_one()
                session.expunge(found)
                return found
        finally:
            engine.dispose()


@pytest.fixture(scope="session")
def stack(demo: Deployment) -> Iterator[Stack]:
    """The action server, the Rasa server (CORS: the web front's origin) and the web front."""
    port = free_port()
    with Servers(demo, cors=[f"http://127.0.0.1:{port}"]) as servers:
        with WebFront(demo, port, servers.rasa_url) as front:
            yield Stack(demo, servers, front)


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    """Debian's chromium, headless.

    Package-scoped: Playwright's sync API keeps an event loop running while it is
    open, and every async test after the browser tests would meet it.
    """
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (as .ci/run does)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Dialogs:
    """JavaScript dialogs (alert, confirm, prompt) a page opened: there must be none."""

    def __init__(self) -> None:
        self.seen: List[str] = []

    def watch(self, page: Page) -> None:
        """Record and dismiss every dialog ``page`` opens."""

        def record(dialog: object) -> None:
            self.seen.append(getattr(dialog, "message", "?"))
            dialog.dismiss()  # type: ignore[attr-defined]

        page.on("dialog", record)


@pytest.fixture
def dialogs() -> Dialogs:
    """The dialogs the test's pages opened (checked to be none after each test)."""
    return Dialogs()


@pytest.fixture
def context(browser: Browser, dialogs: Dialogs) -> Iterator[BrowserContext]:
    """A fresh browser profile (empty localStorage, no cookies) at 1280x900.

    ``bypass_csp`` lets the tests inject axe-core into the console's pages, whose
    Content-Security-Policy allows only the site's own scripts.
    """
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    ctx.set_default_timeout(90_000)
    ctx.on("page", dialogs.watch)
    yield ctx
    ctx.close()
    assert dialogs.seen == [], f"a page opened JavaScript dialogs: {dialogs.seen}"


@pytest.fixture
def page(context: BrowserContext) -> Page:
    """A page in the fresh profile."""
    return context.new_page()


class Shots:
    """Numbered screenshots of one test, ``artifacts/screenshots/<test>-NN-<step>.png``."""

    def __init__(self, test: str) -> None:
        self.test = test
        self.count = 0
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for old in SCREENSHOTS.glob(f"{test}-*.png"):
            old.unlink()

    def top(self, page: Page, selector: str) -> None:
        """Scroll the widget's conversation so the first ``selector`` is at its top."""
        page.locator(selector).first.evaluate(
            """e => { const box = e.closest('.pw-scroller');
                      box.scrollTop += e.getBoundingClientRect().top
                                       - box.getBoundingClientRect().top - 8; }"""
        )

    def take(self, page: Page, step: str, full_page: bool = False) -> Path:
        """Save what ``page`` shows now."""
        self.count += 1
        path = SCREENSHOTS / f"{self.test}-{self.count:02d}-{step}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path


@pytest.fixture
def shots(request: pytest.FixtureRequest) -> Shots:
    """Screenshots named after the test (its first four words)."""
    words = request.node.name.removeprefix("test_").split("_")
    return Shots("-".join(words[:4]))
