"""A coordinator reads the network's gaps in the browser; an adviser is refused.

Only the web front runs (on the demo network's database): the gaps page needs no
conversation, so no model is trained and no Rasa server started. The screenshot of
the page is kept as ``docs/img/console-gaps.png`` for docs/console.md.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy.orm import Session

from evaluation.servers import Deployment, prepare
from launch.process import free_port
from pathways_catalogue.db import make_engine
from pathways_catalogue.gaps import gaps_report
from pathways_catalogue.settings import DEMO_NETWORK, PROJECT_ROOT
from tests.browser.chat import axe_violations, describe, log_in
from tests.browser.conftest import PASSWORD, Shots, WebFront, add_adviser

pytestmark = [pytest.mark.slow]

DOCS_SHOT = PROJECT_ROOT / "docs" / "img" / "console-gaps.png"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Deployment:
    """The demo network's database (no model: the console needs none)."""
    return prepare(tmp_path_factory.mktemp("gaps"), DEMO_NETWORK, "vale_and_wolds")


@pytest.fixture(scope="module")
def front(demo_db: Deployment) -> Iterator[WebFront]:
    """``python -m web serve`` on the demo database (the widget's Rasa URL leads nowhere)."""
    with WebFront(demo_db, free_port(), "http://127.0.0.1:9") as running:
        yield running


def test_coordinator_sees_the_picture_and_the_dead_ends(
    demo_db: Deployment, front: WebFront, page: Page, shots: Shots
) -> None:
    engine = make_engine(demo_db.db_url)
    try:
        with Session(engine, future=True) as s:
            report = gaps_report(s, "vale_and_wolds")
    finally:
        engine.dispose()
    email = add_adviser(demo_db, "Cora Network", "network", role="coordinator")
    log_in(page, front.url, email, PASSWORD)
    page.locator("#gaps-link").click()
    expect(page.locator("#gaps-heading")).to_contain_text("Vale and Wolds")
    expect(page.locator("#gaps-link")).to_have_attribute("aria-current", "page")

    picture = page.get_by_role("img", name="The progression network of")
    expect(picture).to_be_visible()
    assert picture.locator("g.course").count() == 186
    assert picture.locator("g.course.dead-end").count() == len(report.dead_ends)
    expect(page.locator("#count-dead_ends")).to_have_text(str(len(report.dead_ends)))
    rows = page.locator("#dead-ends-table tbody tr")
    expect(rows).to_have_count(len(report.dead_ends))
    expect(rows.first.locator("th")).to_have_text(report.dead_ends[0].course_id)
    expect(page.get_by_role("table", name="courses with no onward agreement")).to_be_visible()
    expect(page.locator("#gaps-csv")).to_have_attribute(
        "href", "/advisers/gaps.csv?network=vale_and_wolds"
    )
    path: Path = shots.take(page, "gaps", full_page=False)
    shutil.copyfile(path, DOCS_SHOT)

    violations = axe_violations(page)
    assert violations == [], describe(violations)


def test_an_adviser_is_refused(demo_db: Deployment, front: WebFront, page: Page) -> None:
    email = add_adviser(demo_db, "Ada Lovelace", "northgate")
    log_in(page, front.url, email, PASSWORD)
    expect(page.locator("#gaps-link")).to_have_count(0)
    response = page.goto(front.url + "/advisers/gaps")
    assert response is not None and response.status == 403
    expect(page.locator("h1")).to_have_text("Only a coordinator sees the network's gaps")
    expect(page.locator("#form-error")).to_contain_text("You cannot open this page")
    expect(page.locator("svg.network-picture")).to_have_count(0)
