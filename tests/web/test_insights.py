"""The insights page: coordinators only, filters, every small count suppressed."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import time
from dataclasses import replace
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from insights import conversation as m
from insights.conversation import week_of_date
from insights.models import Weekly
from storage import make_engine
from tests.web.conftest import ADA, CORA, ClientFactory, login
from web.app import create_app
from web.config import WebConfig

THIS_WEEK = week_of_date(dt.datetime.now(dt.timezone.utc).date())
LAST_WEEK = THIS_WEEK - dt.timedelta(weeks=1)


@pytest.fixture
def filled(web_engine: Engine) -> Engine:
    rows = [
        (THIS_WEEK, "Northgate College", "Engineering", 3, m.CONVERSATIONS, "", 40),
        (THIS_WEEK, "Northgate College", "Engineering", 3, m.RESOLVED_WITHOUT_STAFF, "", 30),
        (THIS_WEEK, "Northgate College", "Engineering", 3, m.HANDOVER_REQUESTED, "", 3),
        (THIS_WEEK, "Northgate College", "Engineering", 3, m.UNMET_COURSE, "underwater welding", 6),
        (THIS_WEEK, "Northgate College", "Engineering", 3, m.UNMET_COURSE, "sam patel", 1),
        (THIS_WEEK, "Northgate College", "Engineering", 3, m.RATING_UP, "", 9),
        (THIS_WEEK, "Northgate College", "Engineering", 3, m.RATING_DOWN, "", 2),
        (LAST_WEEK, "Wolds College", "Health", 2, m.CONVERSATIONS, "", 8),
    ]  # fmt: skip
    with Session(web_engine, future=True) as session, session.begin():
        for week, institution, subject, level, measure, item, count in rows:
            session.add(Weekly(week_start=week, institution=institution, subject=subject,
                               level=level, measure=measure, item=item, count=count))  # fmt: skip
    return web_engine


def cell(html: str, row_id: str) -> list:
    found = re.search(rf'<tr id="{row_id}">(.*?)</tr>', html, re.S)
    assert found, row_id
    return re.findall(r"<td>(.*?)</td>", found.group(1))


async def test_anonymous_goes_to_the_login_page(client: TestClient) -> None:
    response = await client.get("/advisers/insights", allow_redirects=False)
    assert response.status == 302
    assert response.headers["Location"].startswith("/advisers/login")


async def test_an_adviser_gets_403(client: TestClient) -> None:
    await login(client, ADA)
    response = await client.get("/advisers/insights")
    assert response.status == 403


async def test_a_coordinator_sees_totals_with_small_counts_suppressed(
    client: TestClient, filled: Engine
) -> None:
    await login(client, CORA)
    response = await client.get("/advisers/insights")
    assert response.status == 200
    html = await response.text()
    assert 'aria-current="page"' in html and 'id="insights-link"' in html
    assert "<td>48</td>" in html  # 40 + 8 conversations
    assert cell(html, "row-resolved") == ["30", "62%"]
    assert cell(html, "row-handover") == ["&lt;5", "&lt;5"]  # 3 hand-overs, rate too
    assert "underwater welding" in html
    assert "sam patel" not in html  # one conversation: not listed
    assert "Thumbs down</th><td>&lt;5" in html
    assert "Thumbs up</th><td>&lt;5" in html  # or up = total less down would show
    assert 'src="/static/vendor/chart.umd.min.js"' in html
    assert 'id="insights-weeks"' in html  # the charts' table


async def test_filters_by_institution_subject_and_dates(client: TestClient, filled: Engine) -> None:
    await login(client, CORA)
    wolds = await (await client.get("/advisers/insights?institution=Wolds+College")).text()
    assert "<td>8</td>" in wolds and "underwater welding" not in wolds
    health = await (await client.get("/advisers/insights?subject=Health")).text()
    assert "<td>8</td>" in health
    this_week = THIS_WEEK.isoformat()
    recent = await (await client.get(f"/advisers/insights?from={this_week}")).text()
    assert "<td>40</td>" in recent and "<td>8</td>" not in recent
    bad = await client.get("/advisers/insights?from=yesterday")
    assert bad.status == 400
    backwards = await client.get(f"/advisers/insights?from={this_week}&to=2020-01-01")
    assert backwards.status == 400


def test_the_refresh_interval_is_read_from_the_environment(tmp_path: object) -> None:
    env = {"WEB_SECRET_KEY": "9d1e0f6a2b7c4d8e5f3a1b9c0d2e4f6a8b7c5d3e1f0a2b4c6d8e9f1a3b5c7d9e"}
    assert WebConfig.from_env(env).insights_refresh_minutes == 10
    env["INSIGHTS_REFRESH_MINUTES"] = "0.5"
    assert WebConfig.from_env(env).insights_refresh_minutes == 0.5


async def test_the_web_front_runs_the_job_in_the_background(
    aiohttp_client: ClientFactory, config: WebConfig, web_engine: Engine, tmp_path: Path
) -> None:
    from tests.insights.conftest import Tracker, start, user

    tracker = Tracker(make_engine(f"sqlite:///{tmp_path / 'tracker.db'}"))
    tracker.add("rest:a", [*start(), user()], at=time.time())
    app = create_app(replace(config, tracker_url=str(tracker.engine.url),
                             insights_refresh_minutes=10))  # fmt: skip
    await aiohttp_client(app)
    for _ in range(100):
        with Session(web_engine, future=True) as session:
            if session.execute(select(Weekly)).first() is not None:
                break
        await asyncio.sleep(0.1)
    with Session(web_engine, future=True) as session:
        counted = session.execute(
            select(Weekly.count).where(Weekly.measure == m.CONVERSATIONS)
        ).scalar()
    assert counted == 1
    tracker.engine.dispose()
