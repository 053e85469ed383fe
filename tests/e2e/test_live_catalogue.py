"""A catalogue import, or a publish from the console, is understood at the next message.

The real servers run on a copy of the demo deployment (its database and model, the
model trained before the import). While they run, a changed demo folder (a new course
and a new agreement from it) is imported into their database, with the command line
or through the console's HTTP endpoints (the web app on the same database, a
coordinator uploading a zip, previewing and publishing it); the next learner message
about that course gets its route. Nothing is restarted or retrained.
"""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path
from typing import Dict, Iterator

import pytest
from aiohttp import FormData
from aiohttp.test_utils import TestClient
from sqlalchemy.orm import Session

from enquiries.advisers import add_adviser
from enquiries.db import upgrade as upgrade_enquiries
from evaluation.servers import Deployment, Servers
from pathways_catalogue.db import make_engine
from pathways_catalogue.service import import_folder
from pathways_catalogue.settings import DEMO_NETWORK
from tests.pathways_catalogue.folders import NEW_COURSE, append_row, demo_files, zipped
from tests.web.conftest import FAST, PASSWORD, TEST_KEY, ClientFactory, login, page_token
from web.app import create_app
from web.config import WebConfig

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

NEW_TARGET = {
    "id": "wu-marrob-fd", "institution_id": "wolds-university",
    "title": "FdSc Subsea Robotics and Autonomous Systems",
    "qualification": "Foundation Degree (FdSc)", "level": "5", "subject": "Engineering",
    "modes": "full-time", "duration": "2 years",
    "entry_requirements": "A Level 3 engineering or robotics qualification",
}  # fmt: skip
NEW_AGREEMENT = {
    "from_course_id": "ngc-marrob-l3", "to_course_id": "wu-marrob-fd",
    "kind": "guaranteed-interview", "conditions": "Pass the Extended Diploma with Merit overall",
}  # fmt: skip


def _append(path: Path, row: Dict[str, str]) -> None:
    path.write_bytes(append_row(path.read_bytes(), row))


@pytest.fixture(scope="module")
def live(demo: Deployment, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Servers]:
    """The servers on a private copy of the demo database and the demo model."""
    workdir = tmp_path_factory.mktemp("live")
    copy = Deployment(demo.slug, workdir)
    shutil.copy(Path(demo.db_url.removeprefix("sqlite:///")), workdir / "catalogue.db")
    copy.model.parent.mkdir(parents=True)
    shutil.copy(demo.model, copy.model)
    with Servers(copy) as servers:
        yield servers


def test_an_import_is_answered_at_the_next_message(live: Servers, tmp_path: Path) -> None:
    deployment = live.deployment
    model_before = deployment.model.read_bytes()
    message = "im on the level 3 extended diploma in marine robotics at northgate, what next?"
    before = "\n".join(m.get("text", "") for m in live.say(f"a-{uuid.uuid4().hex[:8]}", message))
    assert NEW_TARGET["title"] not in before

    folder = tmp_path / "vale_and_wolds"
    shutil.copytree(DEMO_NETWORK, folder)
    _append(folder / "courses.csv", NEW_COURSE)
    _append(folder / "courses.csv", NEW_TARGET)
    _append(folder / "progressions.csv", NEW_AGREEMENT)
    engine = make_engine(deployment.db_url)
    try:
        import_folder(engine, folder)
    finally:
        engine.dispose()

    after = "\n".join(m.get("text", "") for m in live.say(f"b-{uuid.uuid4().hex[:8]}", message))
    assert NEW_TARGET["title"] in after, after
    assert deployment.model.read_bytes() == model_before, "nothing was retrained"


DRONE_COURSE = {
    "id": "ngc-drone-l3", "institution_id": "northgate",
    "title": "Pearson BTEC Level 3 National Extended Diploma in Drone Technology",
    "qualification": "BTEC Level 3 National Extended Diploma", "level": "3",
    "subject": "Engineering", "modes": "full-time", "duration": "2 years",
    "entry_requirements": "5 GCSEs at grade 4 or above including maths",
    "aliases": "drone technology L3; level 3 drone technology",
    "keywords": "drones; uav pilot",
}  # fmt: skip
DRONE_TARGET = {
    "id": "wu-uas-fd", "institution_id": "wolds-university",
    "title": "FdEng Uncrewed Aerial Systems Engineering",
    "qualification": "Foundation Degree (FdEng)", "level": "5", "subject": "Engineering",
    "modes": "full-time", "duration": "2 years",
    "entry_requirements": "A Level 3 engineering qualification",
}  # fmt: skip
DRONE_AGREEMENT = {
    "from_course_id": "ngc-drone-l3", "to_course_id": "wu-uas-fd",
    "kind": "guaranteed-place", "conditions": "Pass the Extended Diploma with Merit overall",
}  # fmt: skip
COORDINATOR = "cora@network.example"


async def test_a_console_publish_is_answered_at_the_next_message(
    live: Servers, aiohttp_client: ClientFactory
) -> None:
    deployment = live.deployment
    model_before = deployment.model.read_bytes()
    message = "im on the level 3 extended diploma in drone technology at northgate, what next?"
    before = "\n".join(m.get("text", "") for m in live.say(f"c-{uuid.uuid4().hex[:8]}", message))
    assert DRONE_TARGET["title"] not in before

    engine = make_engine(deployment.db_url)
    try:
        upgrade_enquiries(engine)
        with Session(engine, future=True) as session, session.begin():
            add_adviser(
                session, COORDINATOR, "Cora Network", "coordinator", "", FAST.hash(PASSWORD)
            )
    finally:
        engine.dispose()
    config = WebConfig(database_url=deployment.db_url, secret_key=TEST_KEY,
                       rasa_url=live.rasa_url, rate_per_second=1000.0, rate_burst=1000)  # fmt: skip
    client: TestClient = await aiohttp_client(create_app(config))
    assert (await login(client, COORDINATOR)).status == 303
    token = await page_token(client, "/advisers/catalogue")
    files = demo_files()
    files["courses.csv"] = append_row(append_row(files["courses.csv"], DRONE_COURSE), DRONE_TARGET)
    files["progressions.csv"] = append_row(files["progressions.csv"], DRONE_AGREEMENT)
    form = FormData()
    form.add_field("csrf_token", token)
    form.add_field("network", deployment.slug)
    form.add_field("files", zipped(files), filename="vale_and_wolds.zip")
    response = await client.post("/advisers/catalogue/upload", data=form)
    assert "Courses: 2 added" in await response.text()
    response = await client.post("/advisers/catalogue/publish",
                                 data={"csrf_token": token, "note": "drones"})  # fmt: skip
    assert "Published." in await response.text()

    after = "\n".join(m.get("text", "") for m in live.say(f"d-{uuid.uuid4().hex[:8]}", message))
    assert DRONE_TARGET["title"] in after, after
    assert deployment.model.read_bytes() == model_before, "nothing was retrained"
