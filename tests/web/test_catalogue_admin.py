"""The console's catalogue pages in the real app: who may, upload, preview, publish, roll back."""

from __future__ import annotations

import re
from typing import AsyncIterator, Optional

import pytest
from aiohttp import FormData
from aiohttp.test_utils import TestClient
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from enquiries import audit, logins
from enquiries.models import AuditEntry
from pathways_catalogue import publishing, uploads
from pathways_catalogue.fingerprint import catalogue_version
from pathways_catalogue.models import CatalogueDraft, CatalogueVersion, Course
from tests.conftest import DEMO_SLUG
from tests.pathways_catalogue.folders import NEW_COURSE, demo_files, with_new_course, zipped
from tests.web.conftest import ADA, CORA, login, page_token

PAGE = "/advisers/catalogue"


def form(token: Optional[str], *files: uploads.Upload, network: str = DEMO_SLUG) -> FormData:
    """The upload form as a browser sends it: the CSRF token first."""
    data = FormData()
    if token is not None:
        data.add_field("csrf_token", token)
    data.add_field("network", network)
    for upload in files:
        data.add_field("files", upload.data, filename=upload.name,
                       content_type="application/octet-stream")  # fmt: skip
    return data


async def coordinator(client: TestClient) -> str:
    """Log Cora (a coordinator) in; return the catalogue page's CSRF token."""
    assert (await login(client, CORA)).status == 303
    return await page_token(client, PAGE)


def live_stamp(engine: Engine) -> str:
    with Session(engine, future=True) as s:
        return catalogue_version(s)


def count(engine: Engine, model: object) -> int:
    with Session(engine, future=True) as s:
        return int(s.execute(select(func.count()).select_from(model)).scalar_one())


def course_codes(engine: Engine) -> set[str]:
    with Session(engine, future=True) as s:
        return set(s.execute(select(Course.code)).scalars())


def good_zip() -> uploads.Upload:
    return uploads.Upload("vale_and_wolds.zip", zipped(with_new_course(demo_files())))


def broken_zip() -> uploads.Upload:
    files = demo_files()
    files["courses.csv"] = files["courses.csv"].replace(
        b",Engineering,full-time,", b",Engineering,weekends,", 1
    )
    files["progressions.csv"] += b"ngc-eng-l2-td,nowhere-course,guaranteed-place,\n"
    return uploads.Upload("broken.zip", zipped(files))


@pytest.fixture
async def cora(client: TestClient) -> AsyncIterator[str]:
    """The client logged in as the coordinator; yields the CSRF token."""
    yield await coordinator(client)


# -- who may ------------------------------------------------------------------------


async def test_visitors_go_to_the_login_page(client: TestClient) -> None:
    for path in (PAGE, f"{PAGE}/preview", f"{PAGE}/versions"):
        response = await client.get(path, allow_redirects=False)
        assert response.status == 302
        assert response.headers["Location"].startswith("/advisers/login?next=")


async def test_an_adviser_is_refused(client: TestClient, web_engine: Engine) -> None:
    assert (await login(client, ADA)).status == 303
    for path in (PAGE, f"{PAGE}/preview", f"{PAGE}/versions"):
        response = await client.get(path)
        assert response.status == 403, path
        assert "You cannot open this page" in await response.text()
    token = await page_token(client, "/advisers/")
    before = live_stamp(web_engine)
    response = await client.post(f"{PAGE}/upload", data=form(token, good_zip()))
    assert response.status == 403
    response = await client.post(f"{PAGE}/versions/1/rollback",
                                 data={"csrf_token": token, "network": DEMO_SLUG})  # fmt: skip
    assert response.status == 403
    assert live_stamp(web_engine) == before and count(web_engine, CatalogueDraft) == 0


async def test_the_nav_link_and_the_page(client: TestClient, cora: str) -> None:
    text = await (await client.get(PAGE)).text()
    assert 'id="catalogue-link"' in text and 'aria-current="page"' in text
    assert 'enctype="multipart/form-data"' in text
    assert "imported outside the console" in text
    assert "An upload is at most 10 MB" in text


# -- CSRF and size ------------------------------------------------------------------


async def test_an_upload_without_the_token_first_is_refused(
    client: TestClient, cora: str, web_engine: Engine
) -> None:
    response = await client.post(f"{PAGE}/upload", data=form(None, good_zip()))
    assert response.status == 403
    late = form(None, good_zip())
    late.add_field("csrf_token", cora)  # after the file: never read
    assert (await client.post(f"{PAGE}/upload", data=late)).status == 403
    assert (await client.post(f"{PAGE}/upload", data=form("wrong", good_zip()))).status == 403
    assert count(web_engine, CatalogueDraft) == 0


async def test_the_token_may_come_in_the_header(client: TestClient, cora: str) -> None:
    response = await client.post(f"{PAGE}/upload", data=form(None, good_zip()),
                                 headers={"X-CSRF-Token": cora}, allow_redirects=False)  # fmt: skip
    assert response.status == 303


async def test_a_100_mb_upload_is_refused_before_it_is_read(
    client: TestClient, cora: str, web_engine: Engine
) -> None:
    body = form(cora, uploads.Upload("big.zip", b"\0" * (100 * uploads.MiB)))
    before = live_stamp(web_engine)
    response = await client.post(f"{PAGE}/upload", data=body)
    assert response.status == 413
    assert "The upload is larger than 10 MB; nothing was read" in await response.text()
    assert live_stamp(web_engine) == before and count(web_engine, CatalogueDraft) == 0


async def test_a_streamed_upload_is_cut_off_at_the_limit(
    client: TestClient, cora: str, web_engine: Engine
) -> None:
    """No Content-Length (chunked): the limit is counted while reading."""
    sent = 0

    async def chunks() -> AsyncIterator[bytes]:
        nonlocal sent
        boundary = b"--xyz"
        yield boundary + b'\r\nContent-Disposition: form-data; name="csrf_token"\r\n\r\n'
        yield cora.encode() + b"\r\n" + boundary
        yield b'\r\nContent-Disposition: form-data; name="files"; filename="big.zip"\r\n\r\n'
        for _ in range(60):  # 60 MB if it were all read
            sent += 1
            yield b"\0" * uploads.MiB
        yield b"\r\n" + boundary + b"--\r\n"

    response = await client.post(
        f"{PAGE}/upload", data=chunks(),
        headers={"Content-Type": "multipart/form-data; boundary=xyz"},
    )  # fmt: skip
    assert response.status == 413
    assert sent < 60, "the server stopped reading at the limit"
    assert count(web_engine, CatalogueDraft) == 0


# -- upload, preview, publish, roll back ----------------------------------------------


async def test_upload_problems_are_shown_by_file_and_line(
    client: TestClient, cora: str, web_engine: Engine
) -> None:
    before = live_stamp(web_engine)
    response = await client.post(f"{PAGE}/upload", data=form(cora, broken_zip()))
    assert response.status == 400
    text = await response.text()
    assert "2 problem(s) found. Nothing was published and nothing changed." in text
    rows = re.findall(
        r"<tr><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td></tr>", text
    )
    assert ("courses.csv", "2", "modes") == rows[0][:3] and "unknown mode" in rows[0][3]
    assert rows[1][:3] == ("progressions.csv", "202", "to_course_id")
    assert "unknown course" in rows[1][3]
    assert live_stamp(web_engine) == before and count(web_engine, CatalogueDraft) == 0


async def test_hostile_uploads_are_shown_and_change_nothing(
    client: TestClient, cora: str, web_engine: Engine
) -> None:
    bomb = zipped({"courses.csv": b"0" * (5 * uploads.MiB)})
    response = await client.post(f"{PAGE}/upload", data=form(cora, uploads.Upload("b.zip", bomb)))
    assert response.status == 400
    assert "zip bomb" in await response.text()
    latin = uploads.Upload("contacts.csv", "Renée".encode("latin-1"))
    response = await client.post(f"{PAGE}/upload", data=form(cora, latin))
    assert "the file is not UTF-8" in await response.text()
    assert count(web_engine, CatalogueDraft) == 0


async def test_upload_preview_publish_and_roll_back(
    client: TestClient, cora: str, web_engine: Engine
) -> None:
    before = live_stamp(web_engine)
    response = await client.post(f"{PAGE}/upload", data=form(cora, good_zip()),
                                 allow_redirects=False)  # fmt: skip
    assert response.status == 303 and response.headers["Location"] == f"{PAGE}/preview"
    assert live_stamp(web_engine) == before, "nothing is live before publishing"

    text = await (await client.get(f"{PAGE}/preview")).text()
    assert "Courses: 1 added, 0 changed, 0 removed" in text
    assert "Agreements: 1 added, 0 changed, 0 removed" in text
    assert NEW_COURSE["id"] in text and NEW_COURSE["title"] in text
    assert "After publishing, the catalogue has 187 courses" in text

    response = await client.post(f"{PAGE}/publish", data={"csrf_token": cora, "note": "marine"},
                                 allow_redirects=False)  # fmt: skip
    assert response.status == 303
    assert response.headers["Location"] == f"{PAGE}/versions?network={DEMO_SLUG}&done=published"
    assert live_stamp(web_engine) != before, "the action server sees a new version"
    assert NEW_COURSE["id"] in course_codes(web_engine)
    assert count(web_engine, CatalogueDraft) == 0

    text = await (await client.get(response.headers["Location"])).text()
    assert "Published. Learners get the new catalogue from their next message." in text
    assert re.search(r"v2 <strong class=\"live\">\(live\)</strong>", text)
    assert "Cora Network &lt;cora@network.example&gt;" in text and "marine" in text
    assert 'id="rollback-1"' in text and 'id="rollback-2"' not in text

    response = await client.post(f"{PAGE}/versions/1/rollback",
                                 data={"csrf_token": cora, "network": DEMO_SLUG},
                                 allow_redirects=False)  # fmt: skip
    assert response.status == 303 and "done=rolled-back" in response.headers["Location"]
    assert NEW_COURSE["id"] not in course_codes(web_engine)
    text = await (await client.get(response.headers["Location"])).text()
    assert "rolled back to v1" in text and re.search(r"v3 <strong class=\"live\">", text)

    with Session(web_engine, future=True) as s:
        versions = [(v.number, v.kind, v.published_by_id is not None)
                    for v in publishing.history(s, DEMO_SLUG)]  # fmt: skip
        events = [(e.action, e.adviser.email, e.new_value) for e in audit.catalogue_events(s)]
        account = {e.action for e in logins.account_events(s)}
    assert versions == [(3, "rollback", True), (2, "upload", True), (1, "baseline", False)]
    assert events[0][:2] == (audit.CATALOGUE_ROLLED_BACK, CORA)
    assert events[0][2].startswith(f"{DEMO_SLUG} v3: 186 courses")
    assert events[1][:2] == (audit.CATALOGUE_PUBLISHED, CORA)
    assert events[1][2] == f"{DEMO_SLUG} v2: 187 courses, 201 agreements, 26 contacts; marine"
    assert not account & set(audit.CATALOGUE_EVENTS), "the team page lists account events only"


async def test_a_version_s_files_can_be_downloaded(client: TestClient, cora: str) -> None:
    await client.post(f"{PAGE}/upload", data=form(cora, good_zip()))
    await client.post(f"{PAGE}/publish", data={"csrf_token": cora})
    response = await client.get(f"{PAGE}/versions/2/source.zip?network={DEMO_SLUG}")
    assert response.status == 200
    assert response.headers["Content-Disposition"] == f'attachment; filename="{DEMO_SLUG}-v2.zip"'
    files = uploads.unpack(await response.read())
    assert NEW_COURSE["id"].encode() in files["courses.csv"]
    assert (await client.get(f"{PAGE}/versions/9/source.zip")).status == 404


async def test_a_single_csv_and_discarding(
    client: TestClient, cora: str, web_engine: Engine
) -> None:
    files = with_new_course(demo_files())
    sent = [uploads.Upload(n, files[n]) for n in ("courses.csv", "progressions.csv")]
    await client.post(f"{PAGE}/upload", data=form(cora, *sent))
    text = await (await client.get(f"{PAGE}/preview")).text()
    assert "courses.csv, progressions.csv" in text and "Courses: 1 added" in text
    response = await client.post(f"{PAGE}/discard", data={"csrf_token": cora})
    assert "The upload was discarded. Nothing changed." in await response.text()
    assert count(web_engine, CatalogueDraft) == 0 and count(web_engine, CatalogueVersion) == 0
    response = await client.get(f"{PAGE}/preview", allow_redirects=False)
    assert response.status == 303


async def test_a_draft_over_an_older_catalogue_is_not_published(
    client: TestClient, cora: str, web_engine: Engine
) -> None:
    await client.post(f"{PAGE}/upload", data=form(cora, good_zip()))
    from pathways_catalogue.service import import_folder
    from pathways_catalogue.settings import DEMO_NETWORK

    import_folder(web_engine, DEMO_NETWORK)  # someone imports meanwhile
    stamp = live_stamp(web_engine)
    assert (
        "The live catalogue changed since you uploaded this"
        in await (await client.get(f"{PAGE}/preview")).text()
    )
    response = await client.post(f"{PAGE}/publish", data={"csrf_token": cora})
    assert response.status == 409
    assert "The live catalogue changed since you uploaded this" in await response.text()
    assert live_stamp(web_engine) == stamp and NEW_COURSE["id"] not in course_codes(web_engine)
    with Session(web_engine, future=True) as s:
        assert s.execute(select(func.count()).select_from(AuditEntry).where(
            AuditEntry.action.in_(audit.CATALOGUE_EVENTS))).scalar_one() == 0  # fmt: skip


async def test_rolling_back_to_no_version(client: TestClient, cora: str) -> None:
    response = await client.post(f"{PAGE}/versions/7/rollback",
                                 data={"csrf_token": cora, "network": DEMO_SLUG})  # fmt: skip
    assert response.status == 404
