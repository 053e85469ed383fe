"""A coordinator publishes the catalogue in the console: problems, preview, publish, roll back.

The web front (``python -m web serve``) runs on a private copy of the demo catalogue,
made as ``make run`` makes it, so publishing here changes no other test's catalogue.
The accounts are made with the CLI; everything after that is the browser. Each page
passes axe-core with zero violations. The preview's screenshot is
``docs/img/console-catalogue.png``.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import Page, expect

from evaluation.servers import Deployment, prepare
from launch.process import free_port
from pathways_catalogue.settings import DEMO_NETWORK, PROJECT_ROOT
from tests.browser.chat import axe_violations, describe, log_in
from tests.browser.conftest import PASSWORD, Shots, WebFront, add_adviser
from tests.pathways_catalogue.folders import NEW_COURSE, demo_files, with_new_course, zipped

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

DOCS_SHOT = PROJECT_ROOT / "docs" / "img" / "console-catalogue.png"


@pytest.fixture(scope="module")
def front(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebFront]:
    """The web front alone on a fresh demo catalogue (no assistant is needed here)."""
    deployment: Deployment = prepare(
        tmp_path_factory.mktemp("catalogue-admin"), DEMO_NETWORK, "vale_and_wolds"
    )
    with WebFront(deployment, free_port(), "http://127.0.0.1:9") as web:
        yield web


def no_violations(page: Page, where: str) -> None:
    violations = axe_violations(page)
    assert violations == [], f"{where}:\n{describe(violations)}"


def choose(page: Page, name: str, data: bytes) -> None:
    page.locator("#files").set_input_files(
        files=[{"name": name, "mimeType": "application/zip", "buffer": data}]
    )
    page.locator("#upload-button").click()


def test_an_adviser_is_refused(front: WebFront, page: Page) -> None:
    email = add_adviser(front.deployment, "Ada Lovelace", "northgate")
    log_in(page, front.url, email, PASSWORD)
    expect(page.locator("#catalogue-link")).to_have_count(0)
    response = page.goto(front.url + "/advisers/catalogue")
    assert response is not None and response.status == 403
    expect(page.locator("#form-error")).to_contain_text("You cannot open this page")


def test_coordinator_sees_problems_then_previews_publishes_and_rolls_back(
    front: WebFront, page: Page, shots: Shots, tmp_path: Path
) -> None:
    email = add_adviser(front.deployment, "Cora Network", "network", role="coordinator")
    log_in(page, front.url, email, PASSWORD)
    page.locator("#catalogue-link").click()
    expect(page.locator("h1")).to_have_text("Catalogue")
    expect(page.locator("#live-version")).to_contain_text("imported outside the console")
    no_violations(page, "the catalogue page")

    broken = demo_files()
    broken["courses.csv"] = broken["courses.csv"].replace(
        b",2,Engineering,", b",nine,Engineering,", 1
    )
    broken["contacts.csv"] = broken["contacts.csv"].replace(
        b"Admissions Team", b"=cmd|' /C calc'!A0", 1
    )
    choose(page, "broken.zip", zipped(broken))
    expect(page.locator("#upload-problems")).to_contain_text("2 problem(s) found")
    rows = page.locator("#problems-table tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0).locator("td").nth(0)).to_have_text("courses.csv")
    expect(rows.nth(0).locator("td").nth(1)).to_have_text("2")
    expect(rows.nth(0).locator("td").nth(2)).to_have_text("level")
    expect(rows.nth(1).locator("td").nth(0)).to_have_text("contacts.csv")
    expect(rows.nth(1).locator("td").nth(1)).to_have_text("2")
    expect(rows.nth(1)).to_contain_text("a spreadsheet runs as a formula")
    shots.take(page, "problems", full_page=True)
    no_violations(page, "the upload's problems")

    choose(page, "vale_and_wolds.zip", zipped(with_new_course(demo_files())))
    expect(page.locator("h1")).to_have_text("Preview: vale_and_wolds")
    expect(page.locator("#diff-courses-title")).to_have_text(
        "Courses: 1 added, 0 changed, 0 removed"
    )
    expect(page.locator("#diff-courses .added")).to_contain_text(NEW_COURSE["title"])
    expect(page.locator("#diff-agreements-title")).to_contain_text("1 added")
    page.set_viewport_size({"width": 1100, "height": 820})
    page.evaluate("window.scrollTo(0, 0)")
    path = shots.take(page, "preview")
    DOCS_SHOT.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, DOCS_SHOT)
    no_violations(page, "the preview")
    page.locator("#note").fill("Marine robotics at Northgate")

    page.locator("#publish-button").click()
    expect(page.locator("#flash")).to_contain_text("Published")
    expect(page.locator("#version-2")).to_contain_text("(live)")
    expect(page.locator("#version-2")).to_contain_text("Marine robotics at Northgate")
    expect(page.locator("#version-1")).to_contain_text("command line")
    expect(page.locator("#catalogue-events tbody tr").first).to_contain_text("Catalogue published")
    shots.take(page, "published", full_page=True)
    no_violations(page, "the version history")

    page.locator("#rollback-1").click()
    expect(page.locator("#flash")).to_contain_text("Rolled back")
    expect(page.locator("#version-3")).to_contain_text("(live)")
    expect(page.locator("#version-3")).to_contain_text("rolled back to v1")
    expect(page.locator("#catalogue-events tbody tr").first).to_contain_text(
        "Catalogue rolled back"
    )
    shots.take(page, "rolled-back", full_page=True)
