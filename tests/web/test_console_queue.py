"""The queue: who sees what, filters, sort; the detail page; 403 across institutions."""

from __future__ import annotations

import re
from typing import List

import pytest
from aiohttp.test_utils import TestClient

from tests.web.conftest import ADA, BOB, CORA, VALE, login


def references(html: str) -> List[str]:
    return re.findall(r'<tr class="queue-row" id="row-(PW-\w+)"', html)


async def queue(client: TestClient, query: str = "") -> List[str]:
    response = await client.get(f"/advisers/{query}")
    assert response.status == 200
    return references(await response.text())


async def test_an_adviser_sees_their_institutions_open_enquiries_oldest_first(
    client: TestClient,
) -> None:
    await login(client, ADA)
    assert await queue(client) == ["PW-AAAAA2", "PW-AAAAA3", "PW-AAAAA6"]
    assert await queue(client, "?sort=newest") == ["PW-AAAAA6", "PW-AAAAA3", "PW-AAAAA2"]
    assert await queue(client, "?status=all") == [
        "PW-AAAAA4", "PW-AAAAA2", "PW-AAAAA3", "PW-AAAAA6"
    ]  # fmt: skip
    # an adviser cannot widen the queue to another institution
    assert await queue(client, f"?institution={VALE}") == ["PW-AAAAA2", "PW-AAAAA3", "PW-AAAAA6"]


async def test_filters_by_status_subject_and_age(client: TestClient) -> None:
    await login(client, ADA)
    assert await queue(client, "?status=in_progress") == ["PW-AAAAA3"]
    assert await queue(client, "?subject=engin") == ["PW-AAAAA2", "PW-AAAAA6"]
    assert await queue(client, "?age=3d") == ["PW-AAAAA2"]
    assert await queue(client, "?status=closed&age=30d") == ["PW-AAAAA4"]
    assert await queue(client, "?status=bogus&age=bogus&sort=bogus") == [
        "PW-AAAAA2", "PW-AAAAA3", "PW-AAAAA6"
    ]  # fmt: skip
    empty = await client.get("/advisers/?subject=astrophysics")
    assert 'id="queue-empty"' in await empty.text()


async def test_a_coordinator_sees_the_whole_network(client: TestClient) -> None:
    await login(client, CORA)
    assert await queue(client) == ["PW-AAAAA2", "PW-AAAAA5", "PW-AAAAA3", "PW-AAAAA7", "PW-AAAAA6"]
    assert await queue(client, f"?institution={VALE}") == ["PW-AAAAA5"]
    html = await (await client.get("/advisers/")).text()
    assert 'id="filter-institution"' in html
    assert (await client.get("/advisers/enquiries/PW-AAAAA5")).status == 200


async def test_another_institutions_enquiry_is_forbidden(client: TestClient) -> None:
    await login(client, BOB)
    assert await queue(client) == ["PW-AAAAA5"]
    forbidden = await client.get("/advisers/enquiries/PW-AAAAA2")
    assert forbidden.status == 403
    assert "Sam Patel" not in await forbidden.text()
    no_institution = await client.get("/advisers/enquiries/PW-AAAAA7")
    assert no_institution.status == 403
    assert (await client.get("/advisers/enquiries/PW-ZZZZZZ")).status == 404


async def test_the_detail_page_shows_everything_and_escapes_learner_text(
    client: TestClient,
) -> None:
    await login(client, ADA)
    response = await client.get("/advisers/enquiries/PW-AAAAA2")
    html = await response.text()
    assert response.status == 200
    assert "<script>alert" not in html and "<img src=x" not in html
    escaped = "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;"
    assert html.count(escaped) == 2  # what they said when asking, and in the transcript
    assert 'id="contact-name">Sam Patel<' in html
    assert 'id="contact-email">sam@example.com<' in html
    assert 'id="consent-text"' in html and "May I pass your name" in html
    assert 'id="profile"' in html and "BTEC Engineering" in html
    assert 'class="route"' in html and "HNC in Engineering" in html
    assert html.count('class="turn ') == 2
    assert 'data-who="learner"' in html and "Here are some routes." in html
    assert "Content-Security-Policy" in response.headers
    assert response.headers["Cache-Control"] == "no-store"


async def test_the_queue_escapes_learner_names(client: TestClient) -> None:
    await login(client, ADA)
    html = await (await client.get("/advisers/")).text()
    assert "=HYPERLINK(&#34;x&#34;)" in html


async def test_the_queue_is_paged_with_the_filters_kept(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    from enquiries import work

    monkeypatch.setattr(work, "QUEUE_PAGE_SIZE", 2)
    await login(client, CORA)
    first = await (await client.get("/advisers/?sort=newest")).text()
    assert references(first) == ["PW-AAAAA6", "PW-AAAAA7"]
    assert 'id="queue-count">5 enquiries' in first and "Page 1 of 3" in first
    assert 'id="page-previous"' not in first
    following = re.search(r'id="page-next" rel="next" href="([^"]+)"', first)
    assert following and "sort=newest" in following.group(1).replace("&amp;", "&")
    second = await (await client.get(following.group(1).replace("&amp;", "&"))).text()
    assert references(second) == ["PW-AAAAA3", "PW-AAAAA5"]
    assert 'id="page-previous"' in second and "Page 2 of 3" in second
    assert references(await (await client.get("/advisers/?sort=newest&page=3")).text()) == [
        "PW-AAAAA2"]  # fmt: skip
    for junk in ("0", "-1", "x", "9" * 20):
        assert references(await (await client.get(f"/advisers/?page={junk}")).text())
    # the export has every page
    export = await (await client.get("/advisers/export.csv?sort=newest")).text()
    assert all(ref in export for ref in ("PW-AAAAA6", "PW-AAAAA2"))
