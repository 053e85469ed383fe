"""Logging in and out, CSRF, the login rate limit, and cookie settings."""

from __future__ import annotations

import pytest
from aiohttp.test_utils import TestClient
from sqlalchemy.orm import Session

from enquiries.advisers import find_adviser
from storage import make_engine
from tests.web.conftest import ADA, PASSWORD, csrf_of, login, page_token
from web.auth import safe_next
from web.state import CONFIG


async def test_pages_redirect_to_login_and_data_answers_401(client: TestClient) -> None:
    response = await client.get("/advisers/", allow_redirects=False)
    assert response.status == 302
    assert response.headers["Location"].startswith("/advisers/login?next=")
    assert (await client.get("/advisers/export.csv")).status == 401
    detail = await client.get("/advisers/enquiries/PW-AAAAA2", allow_redirects=False)
    assert detail.status == 302


async def test_login_then_logout(client: TestClient) -> None:
    response = await login(client, ADA)
    assert response.status == 303
    assert response.headers["Location"] == "/advisers/"
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    queue = await client.get("/advisers/")
    assert queue.status == 200
    engine = make_engine(str(client.app[CONFIG].database_url))
    with Session(engine, future=True) as s:
        found = find_adviser(s, ADA)
        assert found is not None and found.last_login_at is not None
    engine.dispose()
    html = await queue.text()
    assert 'id="current-adviser">Ada Lovelace<' in html

    token = csrf_of(html)
    out = await client.post(
        "/advisers/logout", data={"csrf_token": token}, allow_redirects=False
    )
    assert out.status == 303
    again = await client.get("/advisers/", allow_redirects=False)
    assert again.status == 302


async def test_the_cookie_is_secure_when_served_over_https(
    aiohttp_client, config  # type: ignore[no-untyped-def]
) -> None:
    from dataclasses import replace

    from web.app import create_app

    client = await aiohttp_client(create_app(replace(config, secure_cookies=True)))
    page = await client.get("/advisers/login")
    assert "Secure" in page.headers["Set-Cookie"]
    assert "HttpOnly" in page.headers["Set-Cookie"]


async def test_a_wrong_password_is_refused(client: TestClient) -> None:
    response = await login(client, ADA, "wrong password!")
    assert response.status == 401
    engine = make_engine(str(client.app[CONFIG].database_url))
    with Session(engine, future=True) as s:
        found = find_adviser(s, ADA)
        assert found is not None and found.last_login_at is None
    engine.dispose()
    assert 'id="form-error"' in await response.text()
    assert (await client.get("/advisers/", allow_redirects=False)).status == 302


async def test_posts_without_the_csrf_token_are_refused(client: TestClient) -> None:
    page = await client.get("/advisers/login")
    assert page.status == 200
    no_token = await client.post(
        "/advisers/login", data={"email": ADA, "password": PASSWORD}, allow_redirects=False
    )
    assert no_token.status == 403
    wrong = await client.post(
        "/advisers/login",
        data={"email": ADA, "password": PASSWORD, "csrf_token": "forged"},
        allow_redirects=False,
    )
    assert wrong.status == 403

    assert (await login(client, ADA)).status == 303
    for path, data in (
        ("/advisers/enquiries/PW-AAAAA2/status", {"status": "closed"}),
        ("/advisers/enquiries/PW-AAAAA2/assign", {"adviser_id": "me"}),
        ("/advisers/enquiries/PW-AAAAA2/notes", {"body": "hello"}),
        ("/advisers/logout", {}),
    ):
        response = await client.post(path, data=data, allow_redirects=False)
        assert response.status == 403, path
    token = await page_token(client, "/advisers/enquiries/PW-AAAAA2")
    assert 'data-status="new"' in await (await client.get("/advisers/enquiries/PW-AAAAA2")).text()
    assert token


async def test_wrong_passwords_back_off_but_never_lock_the_right_one_out(
    client: TestClient,
) -> None:
    import time

    for _ in range(6):  # from "the attacker": after 3, each wrong answer is slower
        assert (await login(client, ADA, "not the password")).status == 401
    started = time.perf_counter()
    assert (await login(client, ADA, "not the password")).status == 401
    assert time.perf_counter() - started >= 0.35  # the 7th failure waits (0.4 s in tests)
    started = time.perf_counter()
    right = await login(client, ADA)  # the owner, at once
    assert right.status == 303 and time.perf_counter() - started < 2
    assert (await client.get("/advisers/", allow_redirects=False)).status == 200


async def test_after_login_only_console_paths_are_followed(client: TestClient) -> None:
    page = await client.get("/advisers/login")
    token = csrf_of(await page.text())
    response = await client.post(
        "/advisers/login",
        data={"email": ADA, "password": PASSWORD, "csrf_token": token, "next": "//evil.example/"},
        allow_redirects=False,
    )
    assert response.headers["Location"] == "/advisers/"


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example", "/advisers/..//evil.example", "/advisers/../..//evil.example",
        "/advisers/%2e%2e//evil.example", "/advisers/%2E%2E/%2Fevil.example",
        "/advisers/..%2f%2fevil.example", "/advisers/\\evil.example", "/advisers/..\\evil.example",
        "\\\\evil.example", "https://evil.example/advisers/", "/advisers/../", "/elsewhere",
        "/advisers/login", "/advisers/./login?next=//evil.example", " //evil.example",
        "/advisers/%0d%0aSet-Cookie:x=1", "/advisers//evil.example",
    ],
)
def test_next_never_leaves_the_console(target: str) -> None:
    kept = safe_next(target)
    assert kept == "/advisers/" or (
        kept.startswith("/advisers/") and "//" not in kept and ".." not in kept
    ), kept
    assert not kept.startswith("/advisers/login")


@pytest.mark.parametrize(
    ("target", "kept"),
    [
        ("/advisers/enquiries/PW-AAAAA2", "/advisers/enquiries/PW-AAAAA2"),
        ("/advisers/?status=new&age=3d", "/advisers/?status=new&age=3d"),
        ("/advisers/./export.csv", "/advisers/export.csv"),
        ("/advisers//evil.example", "/advisers/evil.example"),
    ],
)
def test_next_keeps_console_paths_normalised(target: str, kept: str) -> None:
    assert safe_next(target) == kept


async def test_a_disabled_adviser_loses_access(client: TestClient, web_engine) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy.orm import Session

    from enquiries.advisers import disable_adviser

    assert (await login(client, ADA)).status == 303
    with Session(web_engine, future=True) as s, s.begin():
        disable_adviser(s, ADA)
    assert (await client.get("/advisers/", allow_redirects=False)).status == 302
    assert (await login(client, ADA)).status == 401
