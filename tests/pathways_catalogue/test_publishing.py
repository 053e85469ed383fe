"""Publishing: the difference a preview shows, publish, version history and roll-back."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, Iterator

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from pathways_catalogue import publishing, uploads
from pathways_catalogue.fingerprint import catalogue_version
from pathways_catalogue.importers.records import ImportProblems
from pathways_catalogue.models import Course, Network
from pathways_catalogue.service import import_folder
from pathways_catalogue.settings import DEMO_NETWORK
from storage import make_engine
from tests.conftest import DEMO_SLUG, SECOND_SLUG, copy_database
from tests.pathways_catalogue.folders import (
    NEW_AGREEMENT,
    NEW_COURSE,
    demo_files,
    with_new_course,
    zipped,
)

CORA_ID, CORA = 3, "Cora Network <cora@network.example>"


@pytest.fixture
def engine(tmp_path: Path, demo_engine: Engine) -> Iterator[Engine]:
    """A private copy of the demo database (both schemas migrated)."""
    eng = make_engine(copy_database(demo_engine, tmp_path / "publishing.db"))
    yield eng
    eng.dispose()


def diff_of(engine: Engine, files: Dict[str, bytes]) -> publishing.CatalogueDiff:
    with Session(engine, future=True) as s:
        return publishing.difference(s, DEMO_SLUG, uploads.read_files(files, DEMO_SLUG))


def draft(engine: Engine, files: Dict[str, bytes], owner: int = CORA_ID) -> None:
    with Session(engine, future=True) as s, s.begin():
        kept, _ = publishing.prepare(s, DEMO_SLUG, [uploads.Upload("n.zip", zipped(files))])
        publishing.save_draft(s, owner, DEMO_SLUG, kept, "n.zip")


def publish(engine: Engine, files: Dict[str, bytes], note: str = "") -> int:
    draft(engine, files)
    with Session(engine, future=True) as s, s.begin():
        return int(publishing.publish_draft(s, CORA_ID, CORA, note).number)


def codes(engine: Engine) -> set[str]:
    with Session(engine, future=True) as s:
        return set(s.execute(select(Course.code)).scalars())


def stamp(engine: Engine) -> str:
    with Session(engine, future=True) as s:
        return catalogue_version(s)


# -- the difference --------------------------------------------------------------------


def test_the_live_catalogue_written_as_files_reads_back_unchanged(engine: Engine) -> None:
    with Session(engine, future=True) as s:
        files = publishing.export_files(s, DEMO_SLUG)
    assert set(files) == set(uploads.CONTRACT_FILES)
    diff = diff_of(engine, files)
    assert diff.unchanged, diff
    assert diff_of(engine, demo_files()).unchanged, "the demo folder is what is live"


def test_added_courses_and_agreements(engine: Engine) -> None:
    diff = diff_of(engine, with_new_course(demo_files()))
    courses, agreements = diff.section("courses"), diff.section("agreements")
    assert courses.added == [(NEW_COURSE["id"], NEW_COURSE["title"])]
    assert not courses.changed and not courses.removed
    key = f"{NEW_AGREEMENT['from_course_id']} → {NEW_AGREEMENT['to_course_id']}"
    assert [k for k, _ in agreements.added] == [key]
    assert agreements.added[0][1].endswith(f"→ {NEW_COURSE['title']}")
    assert diff.section("contacts").unchanged and diff.section("institutions").unchanged


def test_changed_fields_and_removed_items(engine: Engine) -> None:
    files = demo_files()
    title = b"Pearson BTEC Level 2 Technical Diploma in Engineering"
    files["courses.csv"] = (
        files["courses.csv"]
        .replace(title + b",BTEC", title + b" Skills,BTEC", 1)
        .replace(b"full-time,,1 year,", b"full-time; part-time,,1 year,", 1)
    )
    lines = files["contacts.csv"].decode().splitlines(keepends=True)
    removed = lines.pop(2).split(",")[0]
    files["contacts.csv"] = "".join(lines).encode()
    pair = b"ngc-eng-l2-td,ngc-eng-tl-mir,"
    files["progressions.csv"] = files["progressions.csv"].replace(
        pair + b"guaranteed-interview", pair + b"guaranteed-place"
    )
    files["network.yml"] = files["network.yml"].replace(
        b"Yorkshire and the Humber", b"Yorkshire", 1
    )
    diff = diff_of(engine, files)
    courses = diff.section("courses")
    assert [c.key for c in courses.changed] == ["ngc-eng-l2-td"]
    fields = {f.field: (f.old, f.new) for f in courses.changed[0].fields}
    assert fields == {
        "title": ("Pearson BTEC Level 2 Technical Diploma in Engineering",
                  "Pearson BTEC Level 2 Technical Diploma in Engineering Skills"),
        "modes": ("full-time", "full-time;part-time"),
    }  # fmt: skip
    assert [k for k, _ in diff.section("contacts").removed] == [removed]
    agreement = diff.section("agreements").changed[0]
    assert agreement.key == "ngc-eng-l2-td → ngc-eng-tl-mir"
    assert [(f.field, f.old, f.new) for f in agreement.fields] == [
        ("kind", "guaranteed-interview", "guaranteed-place")
    ]
    assert [(f.field, f.new) for f in diff.network] == [("region", "Yorkshire")]
    assert not diff.unchanged


def test_a_course_removed_with_its_agreements(engine: Engine) -> None:
    files = demo_files()
    courses = files["courses.csv"].decode().splitlines(keepends=True)
    last = courses.pop().split(",")[0]
    files["courses.csv"] = "".join(courses).encode()
    agreements = files["progressions.csv"].decode().splitlines(keepends=True)
    kept = [line for line in agreements if last not in line.split(",")[:2]]
    files["progressions.csv"] = "".join(kept).encode()
    diff = diff_of(engine, files)
    assert [k for k, _ in diff.section("courses").removed] == [last]
    assert len(diff.section("agreements").removed) == len(agreements) - len(kept) > 0


# -- publish, history, roll-back ---------------------------------------------------------


def test_publish_writes_the_network_and_its_version(engine: Engine) -> None:
    before = stamp(engine)
    draft(engine, with_new_course(demo_files()))
    assert stamp(engine) == before and NEW_COURSE["id"] not in codes(engine)
    with Session(engine, future=True) as s, s.begin():
        version = publishing.publish_draft(s, CORA_ID, CORA, "  marine robotics  ")
        assert (version.number, version.kind, version.note) == (2, "upload", "marine robotics")
    assert stamp(engine) != before, "the action server's key changes: live at the next message"
    assert NEW_COURSE["id"] in codes(engine)
    with Session(engine, future=True) as s:
        history = publishing.history(s, DEMO_SLUG)
        live = publishing.live_version(s, DEMO_SLUG)
        network = s.execute(select(Network).where(Network.slug == DEMO_SLUG)).scalar_one()
        assert publishing.draft_of(s, CORA_ID) is None
        assert [(v.number, v.kind, v.published_by, v.courses) for v in history] == [
            (2, "upload", CORA, 187),
            (1, "baseline", "", 186),
        ]
        assert live is not None and live.number == 2
        assert live.network_version == network.version
        assert history[0].published_by_id == CORA_ID and history[0].published_at is not None
        assert (
            uploads.unpack(history[0].source)["courses.csv"]
            == with_new_course(demo_files())["courses.csv"]
        )
        assert publishing.history(s, SECOND_SLUG) == [], "other networks are untouched"


def test_roll_back_publishes_an_old_version_again(engine: Engine) -> None:
    publish(engine, with_new_course(demo_files()))
    with Session(engine, future=True) as s, s.begin():
        version = publishing.roll_back(s, DEMO_SLUG, 1, CORA_ID, CORA)
        assert (version.number, version.kind, version.rolled_back_to) == (3, "rollback", 1)
        assert version.note == "rolled back to v1"
    assert NEW_COURSE["id"] not in codes(engine)
    with Session(engine, future=True) as s, s.begin():
        publishing.roll_back(s, DEMO_SLUG, 2, CORA_ID, CORA)
    assert NEW_COURSE["id"] in codes(engine)
    with Session(engine, future=True) as s:
        assert [v.number for v in publishing.history(s, DEMO_SLUG)] == [4, 3, 2, 1]
        live = publishing.live_version(s, DEMO_SLUG)
        assert live is not None and live.number == 4
        with pytest.raises(publishing.PublishError, match="has no version 9"):
            publishing.roll_back(s, DEMO_SLUG, 9, CORA_ID, CORA)


def test_a_single_file_replaces_the_published_source(engine: Engine) -> None:
    publish(engine, with_new_course(demo_files()))
    contacts = demo_files()["contacts.csv"].replace(b"Priya Sharma", b"Priya Shah")
    with Session(engine, future=True) as s:
        files, record = publishing.prepare(s, DEMO_SLUG, [uploads.Upload("contacts.csv", contacts)])
    assert files["contacts.csv"] == contacts
    assert NEW_COURSE["id"] in {c.code for c in record.courses}, "the rest is v2's source"


def test_a_command_line_import_becomes_a_version_at_the_next_publish(engine: Engine) -> None:
    publish(engine, with_new_course(demo_files()))
    import_folder(engine, DEMO_NETWORK)  # the command line, behind the console's back
    with Session(engine, future=True) as s:
        assert publishing.live_version(s, DEMO_SLUG) is None
        assert NEW_COURSE["id"] not in {c.code for c in uploads.read_files(
            publishing.live_files(s, DEMO_SLUG), DEMO_SLUG).courses}  # fmt: skip
    publish(engine, with_new_course(demo_files()), "again")
    with Session(engine, future=True) as s:
        kinds = [(v.number, v.kind) for v in publishing.history(s, DEMO_SLUG)]
    assert kinds == [(4, "upload"), (3, "baseline"), (2, "upload"), (1, "baseline")]


def test_a_stale_draft_is_not_published(engine: Engine) -> None:
    draft(engine, with_new_course(demo_files()))
    import_folder(engine, DEMO_NETWORK)
    before = stamp(engine)
    with Session(engine, future=True) as s, s.begin():
        kept = publishing.draft_of(s, CORA_ID)
        assert kept is not None and publishing.stale(s, kept)
        with pytest.raises(publishing.PublishError, match="changed since you uploaded"):
            publishing.publish_draft(s, CORA_ID, CORA)
    assert stamp(engine) == before and NEW_COURSE["id"] not in codes(engine)


def test_drafts_belong_to_their_coordinator(engine: Engine) -> None:
    draft(engine, with_new_course(demo_files()), owner=CORA_ID)
    draft(engine, demo_files(), owner=99)
    draft(engine, demo_files(), owner=CORA_ID)  # replaces Cora's first draft
    with Session(engine, future=True) as s, s.begin():
        mine = publishing.draft_of(s, CORA_ID)
        assert mine is not None
        assert NEW_COURSE["id"] not in {c.code for c in publishing.draft_record(mine).courses}
        with pytest.raises(publishing.PublishError, match="no upload waiting"):
            publishing.publish_draft(s, 5, CORA)
        assert publishing.discard(s, 99) and not publishing.discard(s, 99)


def test_an_upload_for_no_network(engine: Engine) -> None:
    with Session(engine, future=True) as s, pytest.raises(publishing.PublishError):
        publishing.prepare(s, "nowhere", [uploads.Upload("n.zip", zipped(demo_files()))])


def test_a_stored_version_that_no_longer_passes_is_not_rolled_back(engine: Engine) -> None:
    publish(engine, with_new_course(demo_files()))
    with Session(engine, future=True) as s, s.begin():
        old = publishing.history(s, DEMO_SLUG)[-1]
        files = uploads.unpack(old.source)
        files["courses.csv"] += b"bad,northgate,T,Q,99,S,full-time\n"
        old.source = uploads.pack(files)
    before = stamp(engine)
    with Session(engine, future=True) as s, s.begin(), pytest.raises(ImportProblems, match="level"):
        publishing.roll_back(s, DEMO_SLUG, 1, CORA_ID, CORA)
    assert stamp(engine) == before
