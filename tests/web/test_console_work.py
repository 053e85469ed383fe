"""Working an enquiry: assign, status, notes, all in the audit trail; CSV export."""

from __future__ import annotations

import csv
import io
import re

from aiohttp.test_utils import TestClient

from tests.web.conftest import ADA, BOB, CORA, XSS, login, page_token

DETAIL = "/advisers/enquiries/PW-AAAAA2"


async def post(client: TestClient, path: str, **data: str) -> int:
    token = await page_token(client, DETAIL)
    response = await client.post(path, data={"csrf_token": token, **data}, allow_redirects=False)
    return response.status


async def test_status_assign_and_notes_are_audited(client: TestClient) -> None:
    await login(client, ADA)
    assert await post(client, f"{DETAIL}/status", status="in_progress") == 303
    assert await post(client, f"{DETAIL}/assign", adviser_id="me") == 303
    assert await post(client, f"{DETAIL}/notes", body="Rang twice, <b>no answer</b>") == 303
    response = await client.get(DETAIL + "?done=note")
    html = await response.text()
    assert 'id="flash"' in html and "Note added." in html
    assert 'id="enquiry-status" data-status="in_progress"' in html
    assert 'id="enquiry-assignee">Ada Lovelace<' in html
    assert "Rang twice, &lt;b&gt;no answer&lt;/b&gt;" in html
    actions = re.findall(r'<tr class="audit-entry" data-action="(\w+)">', html)
    assert actions == ["status", "assigned", "note"]
    audit = html[html.index('id="audit-table"') :]
    assert "New" in audit and "In progress" in audit and "Ada Lovelace" in audit


async def test_assigning_to_a_colleague_but_not_to_another_institution(
    client: TestClient,
) -> None:
    ids = {}
    await login(client, ADA)
    html = await (await client.get(DETAIL)).text()
    for value, name in re.findall(r'<option value="(\d+)"[^>]*>([^<]+)</option>', html):
        ids[name] = value
    assert set(ids) == {"Ada Lovelace", "Cora Network", "Dan Northgate"}
    assert await post(client, f"{DETAIL}/assign", adviser_id=ids["Dan Northgate"]) == 303
    html = await (await client.get(DETAIL)).text()
    assert 'id="enquiry-assignee">Dan Northgate<' in html
    # Bob works at another institution: not a valid assignee here
    assert await post(client, f"{DETAIL}/assign", adviser_id="2") == 400
    assert await post(client, f"{DETAIL}/assign", adviser_id="nobody") == 400
    assert await post(client, f"{DETAIL}/status", status="lost") == 400
    assert await post(client, f"{DETAIL}/notes", body="   ") == 400


async def test_an_adviser_cannot_change_another_institutions_enquiry(
    client: TestClient,
) -> None:
    await login(client, BOB)
    token = await page_token(client, "/advisers/enquiries/PW-AAAAA5")
    for action, data in (
        ("status", {"status": "closed"}),
        ("assign", {"adviser_id": "me"}),
        ("notes", {"body": "sneaky"}),
    ):
        response = await client.post(
            f"{DETAIL}/{action}", data={"csrf_token": token, **data}, allow_redirects=False
        )
        assert response.status == 403, action


async def test_the_same_status_twice_changes_nothing(client: TestClient) -> None:
    await login(client, CORA)
    token = await page_token(client, DETAIL)
    response = await client.post(
        f"{DETAIL}/status", data={"csrf_token": token, "status": "new"}, allow_redirects=False
    )
    assert response.headers["Location"].endswith("done=unchanged")


async def test_the_export_is_filtered_and_safe_against_formulas(client: TestClient) -> None:
    await login(client, ADA)
    response = await client.get("/advisers/export.csv?subject=nursing")
    assert response.status == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(await response.text())))
    assert [r["reference"] for r in rows] == ["PW-AAAAA3"]
    assert rows[0]["learner_name"] == "'=HYPERLINK(\"x\")"
    everything = await client.get("/advisers/export.csv?status=all")
    table = list(csv.DictReader(io.StringIO(await everything.text())))
    assert len(table) == 4 and all(r["institution_id"] == "northgate" for r in table)
    assert XSS not in await everything.text()  # the transcript is not exported
