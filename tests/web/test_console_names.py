"""What advisers read: institution names (not ids), each route numbered once, route interests."""

from __future__ import annotations

import csv
import io
import re
from typing import Any, Dict, List

from aiohttp.test_utils import TestClient
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from enquiries.models import ROUTE_INTEREST
from enquiries.store import create_enquiry
from tests.web.conftest import ADA, CORA, NORTHGATE, VALE, login


def route(title: str, institution: str, code: str, level: int) -> Dict[str, Any]:
    step = {"course_id": "x", "title": title, "institution": institution,
            "institution_id": code, "level": level, "subject": "Engineering",
            "kind": "guaranteed-place", "conditions": ""}  # fmt: skip
    return {"steps": [step], "contact": None, "score": 1.0, "why": ""}


def add_interest(engine: Engine) -> str:
    """A route interest for Northgate, as the action files it."""
    chosen = {**route("HNC in Engineering", "Northgate College", NORTHGATE, 4), "position": 2}
    with Session(engine, future=True) as s, s.begin():
        enquiry = create_enquiry(
            s, learner_name="Ivy Interested", email="ivy@example.com", consent=True,
            institution_id=NORTHGATE, kind=ROUTE_INTEREST, interest_route=chosen,
            routes=[route("BEng in Robotics", "Vale of York University", VALE, 6), chosen],
        )  # fmt: skip
        return str(enquiry.reference)


def cells(html: str, reference: str) -> List[str]:
    """The text of the cells of one queue row."""
    row = re.search(rf'<tr class="queue-row" id="row-{reference}".*?</tr>', html, re.S)
    assert row, html
    return [re.sub(r"<[^>]+>", "", c).strip()
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row.group(0), re.S)]  # fmt: skip


async def test_the_queue_and_its_filter_name_institutions(client: TestClient) -> None:
    await login(client, CORA)
    html = await (await client.get("/advisers/")).text()
    assert "Northgate College" in cells(html, "PW-AAAAA2")
    assert "Vale of York University" in cells(html, "PW-AAAAA5")
    assert f'<option value="{VALE}">Vale of York University</option>' in html
    assert f'<option value="{NORTHGATE}">Northgate College</option>' in html
    assert f">{VALE}<" not in html and f">{NORTHGATE}<" not in html


async def test_the_detail_page_names_the_institution_and_numbers_each_route_once(
    client: TestClient,
) -> None:
    await login(client, ADA)
    html = await (await client.get("/advisers/enquiries/PW-AAAAA2")).text()
    assert re.search(r'id="enquiry-institution">\s*Northgate College\s*<', html)
    routes = html[html.index('<section id="routes"'):html.index('<section id="transcript"')]
    # the routes' list numbers them; the steps inside are not numbered again
    assert routes.count("<ol") == 1
    assert '<ul class="steps">' in routes


async def test_the_team_page_names_institutions(client: TestClient) -> None:
    await login(client, CORA)
    html = await (await client.get("/advisers/team")).text()
    assert "<td>Northgate College</td>" in html and "<td>Vale of York University</td>" in html
    assert f"<td>{NORTHGATE}</td>" not in html


async def test_the_export_has_the_name_and_keeps_the_id(client: TestClient) -> None:
    await login(client, CORA)
    text = await (await client.get("/advisers/export.csv")).text()
    rows = {r["reference"]: r for r in csv.DictReader(io.StringIO(text))}
    assert (rows["PW-AAAAA5"]["institution"], rows["PW-AAAAA5"]["institution_id"]) == (
        "Vale of York University", VALE
    )
    assert rows["PW-AAAAA7"]["institution"] == ""
    assert rows["PW-AAAAA5"]["kind"] == "handover"


async def test_a_route_interest_is_marked_in_the_queue_and_on_its_page(
    client: TestClient, web_engine: Engine
) -> None:
    reference = add_interest(web_engine)
    await login(client, ADA)
    html = await (await client.get("/advisers/")).text()
    assert "Route interest" in cells(html, reference)
    assert "Adviser request" in cells(html, "PW-AAAAA2")
    assert 'id="filter-kind"' in html

    only = await (await client.get(f"/advisers/?kind={ROUTE_INTEREST}")).text()
    assert re.findall(r'id="row-(PW-\w+)"', only) == [reference]
    plain = await (await client.get("/advisers/?kind=handover")).text()
    assert reference not in plain and "PW-AAAAA2" in plain
    assert reference in await (await client.get("/advisers/?kind=bogus")).text()

    page = await (await client.get(f"/advisers/enquiries/{reference}")).text()
    assert 'id="enquiry-kind"' in page and "Route interest" in page
    interest = page[page.index('id="interest"'):page.index('id="routes"')]
    assert "HNC in Engineering" in interest and "Route 2 of those suggested" in interest
    assert "BEng in Robotics" not in interest

    exported = await (await client.get(f"/advisers/export.csv?kind={ROUTE_INTEREST}")).text()
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert [(r["reference"], r["kind"]) for r in rows] == [(reference, ROUTE_INTEREST)]
