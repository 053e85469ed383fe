"""The web app on a real, migrated SQLite database: advisers, enquiries, a logged-in client.

The database is a copy of the demo catalogue (two networks) with the enquiry schema
migrated by the real migrations, three advisers and a handful of enquiries.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, Iterator

import argon2
import pytest
from aiohttp.test_utils import TestClient
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from enquiries.advisers import add_adviser
from enquiries.models import utcnow
from enquiries.store import create_enquiry
from launch.commands import web_front
from launch.process import free_port, spawn, stop, wait_for
from storage import make_engine
from tests.conftest import copy_database
from web.app import create_app
from web.config import WebConfig
from web.security import PasswordHasher

PASSWORD = "correct horse battery"
ADA, BOB, CORA = "ada@northgate.example", "bob@vale.example", "cora@network.example"
NORTHGATE, VALE = "northgate", "vale-of-york-university"
XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'
#: cheap argon2 parameters for the test accounts (verification reads them from the hash)
FAST = PasswordHasher(argon2.PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))

ClientFactory = Callable[..., Awaitable[TestClient]]
#: the tests' session key (fixed, so failures can be replayed; never used outside tests)
TEST_KEY = bytes.fromhex("9d1e0f6a2b7c4d8e5f3a1b9c0d2e4f6a8b7c5d3e1f0a2b4c6d8e9f1a3b5c7d9e")


def _route(institution: str, subject: str) -> Dict[str, Any]:
    step = {
        "course_id": "x", "title": f"HNC in {subject}", "qualification": "HNC",
        "institution": institution.title(), "institution_id": institution, "level": 4,
        "subject": subject, "town": "York", "modes": ["part-time"],
        "kind": "guaranteed-place", "conditions": "Merit overall", "entry_requirements": "",
        "url": "",
    }  # fmt: skip
    return {"steps": [step], "contact": None, "score": 0.5, "why": "Because."}


def seed(engine: Engine) -> Dict[str, int]:
    """Three advisers and six enquiries; returns the advisers' ids by email."""
    now = utcnow()
    ids: Dict[str, int] = {}
    with Session(engine, future=True) as s, s.begin():
        for email, name, role, where in (
            (ADA, "Ada Lovelace", "adviser", NORTHGATE),
            (BOB, "Bob Vale", "adviser", VALE),
            (CORA, "Cora Network", "coordinator", ""),
            ("dan@northgate.example", "Dan Northgate", "adviser", NORTHGATE),
        ):
            ids[email] = add_adviser(s, email, name, role, where, FAST.hash(PASSWORD)).id
        rows = [
            ("PW-AAAAA2", NORTHGATE, "Engineering", "new", 10, "Sam Patel", "sam@example.com"),
            ("PW-AAAAA3", NORTHGATE, "Nursing", "in_progress", 2, "=HYPERLINK(\"x\")", ""),
            ("PW-AAAAA4", NORTHGATE, "Engineering", "closed", 40, "Old Closed", "o@example.com"),
            ("PW-AAAAA5", VALE, "Computing", "new", 5, "Vale Learner", "v@example.com"),
            ("PW-AAAAA6", NORTHGATE, "Engineering", "new", 0, "Newest Learner", "n@example.com"),
            ("PW-AAAAA7", None, "", "new", 1, "No Institution", "x@example.com"),
        ]
        for reference, where, subject, status, days, name, email in rows:
            create_enquiry(
                s,
                reference=reference,
                institution_id=where,
                status=status,
                created_at=now - dt.timedelta(days=days, minutes=5),
                learner_name=name,
                email=email,
                phone="07700 900123" if not email else "",
                consent=True,
                consent_text="May I pass your name and contact details to an adviser?",
                profile={"subject": subject, "course": "BTEC Engineering", "level": 3}
                if subject
                else {},
                routes=[_route(where or "nowhere", subject or "Other")],
                transcript=[
                    {"who": "learner", "text": XSS},
                    {"who": "assistant", "text": "Here are some routes."},
                ],
                message=XSS,
                network_slug="vale_and_wolds",
            )
    return ids


@pytest.fixture
def web_engine(tmp_path: Path, demo_engine: Engine) -> Iterator[Engine]:
    """A private copy of the demo database, migrated, with advisers and enquiries."""
    from enquiries.db import upgrade
    from insights.db import upgrade as upgrade_insights

    url = copy_database(demo_engine, tmp_path / "web.db")
    engine = make_engine(url)
    upgrade(engine)
    upgrade_insights(engine)
    seed(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def config(web_engine: Engine, tmp_path: Path) -> WebConfig:
    """Settings for the test app (a generous public rate limit)."""
    return WebConfig(
        database_url=str(web_engine.url),
        secret_key=TEST_KEY,
        rasa_url="http://localhost:5005",
        rate_per_second=1000.0,
        rate_burst=1000,
        login_backoff_seconds=0.05,
        login_backoff_max_seconds=0.4,
    )


@pytest.fixture
async def client(aiohttp_client: ClientFactory, config: WebConfig) -> TestClient:
    """A client of a fresh app."""
    return await aiohttp_client(create_app(config))


def csrf_of(html: str) -> str:
    """The CSRF token in a page's forms."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "the page has a CSRF token"
    return found.group(1)


async def login(client: TestClient, email: str, password: str = PASSWORD) -> Any:
    """Log in through the real form; returns the response to the POST (not followed)."""
    page = await client.get("/advisers/login")
    token = csrf_of(await page.text())
    return await client.post(
        "/advisers/login",
        data={"email": email, "password": password, "csrf_token": token, "next": "/advisers/"},
        allow_redirects=False,
    )


async def page_token(client: TestClient, path: str) -> str:
    """The CSRF token of a console page."""
    response = await client.get(path)
    assert response.status == 200, await response.text()
    return csrf_of(await response.text())


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory, demo_engine: Engine) -> Iterator[str]:
    """``python -m web serve`` running on a copy of the demo database; yields its base URL.

    Started with no ``WEB_HOST``, so it listens where it does by default.
    """
    import os

    folder = tmp_path_factory.mktemp("served")
    url = copy_database(demo_engine, folder / "served.db")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("WEB_")}
    env.update(
        CATALOGUE_URL=url,
        WEB_SECRET_KEY=TEST_KEY.hex(),
        WEB_RATE_PER_SECOND="10000",
        WEB_RATE_BURST="10000",
        TRACKER_STORE_URL=f"sqlite:///{folder / 'tracker.db'}",  # for the insights job
    )
    env.pop("PATHWAYS_NETWORK", None)
    process = spawn(web_front(port, host=None), env, folder / "server.log")
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/health", process, folder / "server.log", timeout=60)
        yield base
    finally:
        stop(process, timeout=10)
