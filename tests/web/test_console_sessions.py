"""Console sessions live on the server: logout, password changes and disabling end them."""

from __future__ import annotations

import base64
import hashlib
import json
import time
from typing import Dict

import aiohttp
from aiohttp.test_utils import TestClient
from cryptography.fernet import Fernet
from sqlalchemy import select
from sqlalchemy.orm import Session

from enquiries.models import Adviser, AuditEntry, ConsoleSession
from storage import make_engine
from tests.web.conftest import ADA, CORA, PASSWORD, TEST_KEY, csrf_of, login, page_token
from web.app import SESSION_COOKIE
from web.sessions import session_key
from web.state import CONFIG

NEW_PASSWORD = "a brand new passphrase"


def cookie_of(client: TestClient) -> str:
    """The console cookie the client holds now."""
    for cookie in client.session.cookie_jar:
        if cookie.key == SESSION_COOKIE:
            return cookie.value
    raise AssertionError("no console cookie")


async def replay(client: TestClient, cookie: str, path: str = "/advisers/") -> int:
    """The status of ``path`` fetched with only ``cookie`` (a copy taken earlier).

    A separate HTTP client with no cookie jar: only the copied cookie is sent.
    """
    async with aiohttp.ClientSession(cookie_jar=aiohttp.DummyCookieJar()) as other:
        response = await other.get(
            client.make_url(path), headers={"Cookie": f"{SESSION_COOKIE}={cookie}"},
            allow_redirects=False,
        )  # fmt: skip
        return response.status


async def logged_in_copy(client: TestClient, email: str = ADA) -> str:
    """Log in and return a copy of the cookie."""
    assert (await login(client, email)).status == 303
    copied = cookie_of(client)
    client.session.cookie_jar.clear()
    assert await replay(client, copied) == 200
    return copied


def _rows(client: TestClient) -> Dict[str, int]:
    engine = make_engine(str(client.app[CONFIG].database_url))
    try:
        with Session(engine, future=True) as s:
            rows = s.execute(select(ConsoleSession)).scalars()
            return {row.id: row.adviser_id for row in rows}
    finally:
        engine.dispose()


def _events(client: TestClient, email: str) -> list:
    engine = make_engine(str(client.app[CONFIG].database_url))
    try:
        with Session(engine, future=True) as s:
            adviser = s.execute(select(Adviser).where(Adviser.email == email)).scalar_one()
            query = select(AuditEntry.action).where(AuditEntry.subject_adviser_id == adviser.id)
            return list(s.execute(query.order_by(AuditEntry.id)).scalars())
    finally:
        engine.dispose()


async def test_the_cookie_is_a_random_token_and_the_database_keeps_only_its_hmac(
    client: TestClient,
) -> None:
    copied = await logged_in_copy(client)
    assert len(copied) == 43 and "." not in copied  # token_urlsafe(32), nothing else
    rows = _rows(client)
    assert session_key(TEST_KEY, copied) in rows
    assert copied not in rows and hashlib.sha256(copied.encode()).hexdigest() not in rows


async def test_a_cookie_copied_before_logout_no_longer_works(client: TestClient) -> None:
    copied = await logged_in_copy(client)
    client.session.cookie_jar.update_cookies({SESSION_COOKIE: copied})
    token = await page_token(client, "/advisers/")
    out = await client.post("/advisers/logout", data={"csrf_token": token}, allow_redirects=False)
    assert out.status == 303
    assert await replay(client, copied) == 302
    assert await replay(client, copied, "/advisers/export.csv") == 401
    assert "logout" in _events(client, ADA)


async def test_changing_the_password_ends_every_other_session(client: TestClient) -> None:
    elsewhere = await logged_in_copy(client)  # another browser
    here = await logged_in_copy(client)
    client.session.cookie_jar.update_cookies({SESSION_COOKIE: here})
    token = await page_token(client, "/advisers/account/password")
    wrong = await client.post("/advisers/account/password", data={
        "csrf_token": token, "current": "not it at all", "new": NEW_PASSWORD,
        "again": NEW_PASSWORD}, allow_redirects=False)  # fmt: skip
    assert wrong.status == 400 and "current password is not right" in await wrong.text()
    assert await replay(client, elsewhere) == 200  # nothing changed yet
    done = await client.post("/advisers/account/password", data={
        "csrf_token": token, "current": PASSWORD, "new": NEW_PASSWORD, "again": NEW_PASSWORD},
        allow_redirects=False)  # fmt: skip
    assert done.status == 303
    assert await replay(client, elsewhere) == 302
    assert await replay(client, here) == 302
    assert (await client.get("/advisers/", allow_redirects=False)).status == 200  # new cookie
    client.session.cookie_jar.clear()
    assert (await login(client, ADA)).status == 401
    assert (await login(client, ADA, NEW_PASSWORD)).status == 303
    assert "password_changed" in _events(client, ADA)


async def test_the_password_change_form_needs_its_csrf_token(client: TestClient) -> None:
    await login(client, ADA)
    refused = await client.post("/advisers/account/password", data={
        "current": PASSWORD, "new": NEW_PASSWORD, "again": NEW_PASSWORD},
        allow_redirects=False)  # fmt: skip
    assert refused.status == 403


async def _coordinator_posts(client: TestClient, action: str, email: str) -> str:
    """As the coordinator, press ``action`` (password or disable) for ``email``."""
    client.session.cookie_jar.clear()
    assert (await login(client, CORA)).status == 303
    page = await client.get("/advisers/team")
    assert page.status == 200
    html = await page.text()
    engine = make_engine(str(client.app[CONFIG].database_url))
    with Session(engine, future=True) as s:
        adviser_id = s.execute(select(Adviser.id).where(Adviser.email == email)).scalar_one()
    engine.dispose()
    response = await client.post(f"/advisers/team/{adviser_id}/{action}",
                                 data={"csrf_token": csrf_of(html)})  # fmt: skip
    assert response.status == 200, await response.text()
    return await response.text()


async def test_a_coordinator_resets_a_password_and_the_adviser_is_logged_out(
    client: TestClient,
) -> None:
    copied = await logged_in_copy(client)
    html = await _coordinator_posts(client, "password", ADA)
    temporary = html.split('id="temporary-password">')[1].split("<")[0]
    assert len(temporary) >= 12
    assert await replay(client, copied) == 302
    client.session.cookie_jar.clear()
    assert (await login(client, ADA)).status == 401
    assert (await login(client, ADA, temporary)).status == 303
    assert "password_reset" in _events(client, ADA)


async def test_disabling_an_account_ends_its_sessions(client: TestClient) -> None:
    copied = await logged_in_copy(client)
    await _coordinator_posts(client, "disable", ADA)
    assert await replay(client, copied) == 302
    assert "disabled" in _events(client, ADA)
    assert not [a for a in _rows(client).values() if a is not None and a != _cora_id(client)]


def _cora_id(client: TestClient) -> int:
    engine = make_engine(str(client.app[CONFIG].database_url))
    with Session(engine, future=True) as s:
        found = s.execute(select(Adviser.id).where(Adviser.email == CORA)).scalar_one()
    engine.dispose()
    return int(found)


async def test_only_coordinators_manage_accounts(client: TestClient) -> None:
    await login(client, ADA)
    assert (await client.get("/advisers/team")).status == 403
    token = await page_token(client, "/advisers/")
    refused = await client.post("/advisers/team/3/password", data={"csrf_token": token})
    assert refused.status == 403


async def test_a_cookie_forged_with_the_old_weak_key_is_rejected(client: TestClient) -> None:
    # what the attacker did: derive the Fernet key from "changeme" with one SHA-256
    # and encrypt a coordinator's session, as EncryptedCookieStorage stored it
    weak = base64.urlsafe_b64encode(hashlib.sha256(b"changeme").digest())
    payload = {"created": int(time.time()), "session": {"adviser_id": 3, "csrf": "x"}}
    forged = Fernet(weak).encrypt(json.dumps(payload).encode()).decode()
    assert await replay(client, forged) == 302
    assert await replay(client, forged, "/advisers/export.csv") == 401
