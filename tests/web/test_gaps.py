"""The gaps page and its CSV: coordinators only, tables, the picture, a safe export."""

from __future__ import annotations

import csv
import io
import re
from xml.etree import ElementTree

from aiohttp.test_utils import TestClient
from sqlalchemy.orm import Session

from pathways_catalogue.gaps import ROW_COLUMNS, gaps_report
from storage import make_engine
from tests.web.conftest import ADA, CORA, login
from web.state import CONFIG

DEMO = "/advisers/gaps?network=vale_and_wolds"
SVG = "{http://www.w3.org/2000/svg}"


def _report(client: TestClient, slug: str = "vale_and_wolds"):  # type: ignore[no-untyped-def]
    engine = make_engine(str(client.app[CONFIG].database_url))
    try:
        with Session(engine, future=True) as s:
            return gaps_report(s, slug)
    finally:
        engine.dispose()


async def test_anonymous_is_sent_to_login_and_csv_answers_401(client: TestClient) -> None:
    page = await client.get(DEMO, allow_redirects=False)
    assert page.status == 302
    assert page.headers["Location"].startswith("/advisers/login?next=")
    assert (await client.get("/advisers/gaps.csv")).status == 401


async def test_an_adviser_is_refused(client: TestClient) -> None:
    await login(client, ADA)
    page = await client.get(DEMO)
    assert page.status == 403
    assert "Only a coordinator" in await page.text()
    assert (await client.get("/advisers/gaps.csv?network=vale_and_wolds")).status == 403


async def test_coordinator_sees_the_tables_counts_and_the_picture(client: TestClient) -> None:
    await login(client, CORA)
    report = _report(client)
    response = await client.get(DEMO)
    assert response.status == 200
    html = await response.text()
    assert 'id="gaps-link" href="/advisers/gaps" aria-current="page"' in html
    for kind, count in report.counts().items():
        assert f'id="count-{kind}">{count}<' in html
    dead = re.findall(r'<tr data-course="([^"]+)">', html.split('id="dead-ends-table"')[1]
                      .split("</table>")[0])  # fmt: skip
    assert dead == [g.course_id for g in report.dead_ends] and dead
    assert 'id="subjects-table"' in html and "Hair and Beauty" in html
    assert 'href="/advisers/gaps.csv?network=vale_and_wolds"' in html

    svg_text = html[html.index("<svg"): html.index("</svg>") + len("</svg>")]
    svg = ElementTree.fromstring(svg_text)  # well-formed XML
    assert svg.get("role") == "img" and "dead ends" in (svg.get("aria-label") or "")
    assert svg.find(f"{SVG}title") is not None and svg.find(f"{SVG}desc") is not None
    marked = {g.get("data-course") for g in svg.iter(f"{SVG}g")
              if "dead-end" in (g.get("class") or "").split()}  # fmt: skip
    assert marked == {g.course_id for g in report.dead_ends}
    assert len(svg.findall(f".//{SVG}g[@class='agreements']/{SVG}path")) > 100


async def test_several_networks_offer_a_choice_and_unknown_is_404(client: TestClient) -> None:
    await login(client, CORA)
    choose = await client.get("/advisers/gaps")
    assert choose.status == 200
    html = await choose.text()
    assert 'id="network-choice"' in html and "?network=fenland_coast" in html
    assert "<svg" not in html
    assert (await client.get("/advisers/gaps?network=nowhere")).status == 404
    assert (await client.get("/advisers/gaps.csv")).status == 404


async def test_csv_has_every_gap_with_the_header(client: TestClient) -> None:
    await login(client, CORA)
    report = _report(client, "fenland_coast")
    response = await client.get("/advisers/gaps.csv?network=fenland_coast")
    assert response.status == 200
    assert response.content_type == "text/csv"
    disposition = response.headers["Content-Disposition"]
    assert disposition == 'attachment; filename="gaps-fenland_coast.csv"'
    rows = list(csv.reader(io.StringIO(await response.text())))
    assert rows[0] == list(ROW_COLUMNS)
    assert len(rows) - 1 == sum(report.counts().values())
    dead = {r[1] for r in rows[1:] if r[0] == "dead_ends"}
    assert dead == {g.course_id for g in report.dead_ends}
