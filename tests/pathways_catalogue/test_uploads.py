"""Uploads: hostile and broken files get a clear error, and the database is unchanged.

Each hostile zip is made here with :mod:`zipfile`; each case goes through
:func:`pathways_catalogue.publishing.prepare` and :func:`save_draft` as the console
does, on a private copy of the demo database, which must be exactly as it was after.
"""

from __future__ import annotations

import io
import stat
import struct
import zipfile
from pathlib import Path
from typing import Dict, Iterator, List, Tuple

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from pathways_catalogue import publishing, uploads
from pathways_catalogue.fingerprint import catalogue_fingerprint, catalogue_version
from pathways_catalogue.importers.records import ImportProblems
from pathways_catalogue.models import CatalogueDraft, CatalogueVersion
from storage import make_engine
from tests.conftest import DEMO_SLUG, copy_database
from tests.pathways_catalogue.folders import NEW_COURSE, demo_files, with_new_course, zipped

MiB = uploads.MiB


@pytest.fixture
def engine(tmp_path: Path, demo_engine: Engine) -> Iterator[Engine]:
    """A private copy of the demo database (both schemas migrated)."""
    eng = make_engine(copy_database(demo_engine, tmp_path / "uploads.db"))
    yield eng
    eng.dispose()


def state(engine: Engine) -> Tuple[str, str, int, int]:
    """What must not change: the catalogue's stamp and contents, drafts and versions."""
    with Session(engine, future=True) as s:
        drafts = s.execute(select(func.count()).select_from(CatalogueDraft)).scalar_one()
        versions = s.execute(select(func.count()).select_from(CatalogueVersion)).scalar_one()
        return catalogue_version(s), catalogue_fingerprint(s), drafts, versions


def upload(engine: Engine, *sent: uploads.Upload) -> None:
    """Check and keep an upload as coordinator 1's draft, as the console does."""
    with Session(engine, future=True) as s, s.begin():
        files, _ = publishing.prepare(s, DEMO_SLUG, list(sent))
        publishing.save_draft(s, 1, DEMO_SLUG, files, ", ".join(u.name for u in sent))


def refused(engine: Engine, *sent: uploads.Upload) -> str:
    """The problems of an upload that must be refused; checks nothing changed."""
    before = state(engine)
    with pytest.raises(ImportProblems) as caught:
        upload(engine, *sent)
    assert state(engine) == before, "a refused upload changed nothing"
    return str(caught.value)


def zip_upload(data: bytes, name: str = "network.zip") -> uploads.Upload:
    return uploads.Upload(name, data)


def make_zip(entries: List[Tuple[zipfile.ZipInfo | str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in entries:
            archive.writestr(info, data)
    return buffer.getvalue()


def demo_entries(skip: str = "") -> List[Tuple[zipfile.ZipInfo | str, bytes]]:
    return [(f"vale_and_wolds/{n}", d) for n, d in demo_files().items() if n != skip]


# -- good uploads -----------------------------------------------------------------


def test_a_good_zip_becomes_a_draft_and_changes_nothing_live(engine: Engine) -> None:
    before = state(engine)
    upload(engine, zip_upload(zipped(with_new_course(demo_files()))))
    after = state(engine)
    assert after[:2] == before[:2], "the live catalogue is untouched until publishing"
    assert after[2] == before[2] + 1


def test_files_at_the_top_of_the_zip_and_mac_litter_are_fine(engine: Engine) -> None:
    entries: List[Tuple[zipfile.ZipInfo | str, bytes]] = list(demo_files().items())  # type: ignore[arg-type]
    entries += [("__MACOSX/._courses.csv", b"\x00\x05\x16\x07"), (".DS_Store", b"\x00\x00")]
    upload(engine, zip_upload(make_zip(entries)))


def test_a_single_csv_replaces_that_file_of_the_live_source(engine: Engine) -> None:
    files = with_new_course(demo_files())
    upload(
        engine,
        uploads.Upload("courses.csv", files["courses.csv"]),
        uploads.Upload("progressions.csv", files["progressions.csv"]),
    )
    with Session(engine, future=True) as s:
        draft = publishing.draft_of(s, 1)
        assert draft is not None
        record = publishing.draft_record(draft)
    assert NEW_COURSE["id"] in {c.code for c in record.courses}
    assert len(record.contacts) == 26, "the other files come from the live catalogue"


# -- hostile and broken uploads ---------------------------------------------------


def test_a_real_zip_bomb_is_refused_from_its_headers(engine: Engine) -> None:
    bomb = b"0" * (10 * MiB)  # about 10 kB compressed: a ratio near 1000
    data = make_zip([*demo_entries(skip="courses.csv"), ("vale_and_wolds/courses.csv", bomb)])
    assert len(data) < 100_000
    message = refused(engine, zip_upload(data))
    assert "vale_and_wolds/courses.csv" in message
    assert "zip bomb" in message and f"at most {uploads.MAX_RATIO} times" in message


def test_a_file_too_big_once_unzipped_is_refused(engine: Engine) -> None:
    data = make_zip([("vale_and_wolds/courses.csv", b"x" * (uploads.MAX_FILE_BYTES + 1))])
    message = refused(engine, zip_upload(data))
    assert "courses.csv" in message and "at most 20 MB per file" in message


def test_too_much_in_all_is_refused(engine: Engine) -> None:
    big = b"y" * (15 * MiB)
    names = ("courses.csv", "contacts.csv", "progressions.csv")
    data = make_zip([(f"vale_and_wolds/{n}", big) for n in names])
    message = refused(engine, zip_upload(data))
    assert "would unpack to 45 MB; at most 40 MB" in message


def _lie_about_size(data: bytes, name: str, size: int) -> bytes:
    """``data`` with the zip headers of ``name`` giving ``size`` as its unpacked size."""
    raw = bytearray(data)
    encoded = name.encode()
    local = raw.find(b"PK\x03\x04" + raw[4:4])  # first local header
    while local != -1:
        name_length = struct.unpack_from("<H", raw, local + 26)[0]
        if raw[local + 30 : local + 30 + name_length] == encoded:
            struct.pack_into("<I", raw, local + 22, size)
        local = raw.find(b"PK\x03\x04", local + 4)
    central = raw.find(b"PK\x01\x02")
    while central != -1:
        name_length = struct.unpack_from("<H", raw, central + 28)[0]
        if raw[central + 46 : central + 46 + name_length] == encoded:
            struct.pack_into("<I", raw, central + 24, size)
        central = raw.find(b"PK\x01\x02", central + 4)
    return bytes(raw)


def test_a_zip_whose_header_understates_a_file_is_caught_while_reading(engine: Engine) -> None:
    name = "vale_and_wolds/courses.csv"
    honest = make_zip([*demo_entries(skip="courses.csv"), (name, b"a,b\n" * (2 * MiB))])
    lying = _lie_about_size(honest, name, 1000)
    with zipfile.ZipFile(io.BytesIO(lying)) as archive:
        assert archive.getinfo(name).file_size == 1000, "the headers pass the size checks"
    message = refused(engine, zip_upload(lying))
    assert name in message and "not what its header says" in message


@pytest.mark.parametrize(
    "entry", ["../courses.csv", "vale_and_wolds/../../etc/cron.d/x", "/etc/passwd", "C:/x.csv",
              "vale_and_wolds\\..\\courses.csv"],
)  # fmt: skip
def test_path_traversal_in_the_zip_is_refused(engine: Engine, entry: str) -> None:
    data = make_zip([*demo_entries(), (entry, b"id,name\n")])
    message = refused(engine, zip_upload(data))
    assert entry in message and "unsafe path in the zip" in message


def test_a_symbolic_link_in_the_zip_is_refused(engine: Engine) -> None:
    link = zipfile.ZipInfo("vale_and_wolds/courses.csv")
    link.create_system = 3  # Unix
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    data = make_zip([*demo_entries(skip="courses.csv"), (link, b"/etc/passwd")])
    message = refused(engine, zip_upload(data))
    assert "vale_and_wolds/courses.csv" in message and "symbolic link" in message


def test_a_latin_1_file_is_named(engine: Engine) -> None:
    files = demo_files()
    files["contacts.csv"] = files["contacts.csv"].decode("utf-8").replace(
        "Priya Sharma", "Renée Café"
    ).encode("latin-1")  # fmt: skip
    message = refused(engine, zip_upload(zipped(files)))
    assert "contacts.csv:3: the file is not UTF-8 (byte 0xe9" in message
    assert "save it as 'CSV UTF-8'" in message


def test_a_latin_1_single_csv_is_named(engine: Engine) -> None:
    data = demo_files()["courses.csv"].replace(b"Engineering", "Ingénierie".encode("latin-1"), 1)
    message = refused(engine, uploads.Upload("courses.csv", data))
    assert "courses.csv:2: the file is not UTF-8" in message


def test_a_formula_in_a_cell_is_refused_with_its_place(engine: Engine) -> None:
    files = demo_files()
    files["courses.csv"] = files["courses.csv"].replace(
        b"Pearson BTEC Level 2 Technical Diploma in Engineering,",
        b'"=HYPERLINK(""http://evil.example"",""Click"")",', 1,
    )  # fmt: skip
    message = refused(engine, zip_upload(zipped(files)))
    assert "courses.csv:2: column 'title':" in message
    assert "starts with '=', which a spreadsheet runs as a formula" in message


@pytest.mark.parametrize("start", ["+", "-", "@"])
def test_other_formula_starts_are_refused(engine: Engine, start: str) -> None:
    files = demo_files()
    files["contacts.csv"] = files["contacts.csv"].replace(
        b"Admissions Team", f"{start}cmd".encode(), 1
    )
    message = refused(engine, zip_upload(zipped(files)))
    assert "contacts.csv:2: column 'name':" in message and f"starts with {start!r}" in message


def test_a_phone_number_may_start_with_plus(engine: Engine) -> None:
    files = demo_files()
    files["contacts.csv"] = files["contacts.csv"].replace(b"01632 960100", b"+44 1632 960100", 1)
    upload(engine, zip_upload(zipped(files)))


def test_too_many_files_are_refused(engine: Engine) -> None:
    data = make_zip([(f"vale_and_wolds/notes{i}.txt", b"x") for i in range(25)])
    message = refused(engine, zip_upload(data))
    assert "the zip has 25 entries; at most 20 are read" in message


def test_too_many_single_files_are_refused(engine: Engine) -> None:
    message = refused(engine, *[uploads.Upload("courses.csv", b"id\n")] * 21)
    assert "21 files; at most 20 at once" in message


def test_unknown_file_names_are_refused(engine: Engine) -> None:
    data = make_zip([*demo_entries(), ("vale_and_wolds/payload.exe", b"MZ")])
    message = refused(engine, zip_upload(data))
    assert "vale_and_wolds/payload.exe: unknown file name" in message
    message = refused(engine, uploads.Upload("../courses.csv", b"id\n"))
    assert "../courses.csv: unknown file name" in message


def test_nested_folders_are_not_read(engine: Engine) -> None:
    data = make_zip([*demo_entries(), ("vale_and_wolds/old/courses.csv", b"id\n")])
    assert "vale_and_wolds/old/courses.csv: unknown file name" in refused(engine, zip_upload(data))


def test_a_file_twice_is_refused(engine: Engine) -> None:
    message = refused(
        engine, uploads.Upload("courses.csv", b"id\n"), uploads.Upload("courses.csv", b"id\n")
    )
    assert "the file is in the upload twice" in message


def test_not_a_zip(engine: Engine) -> None:
    message = refused(engine, zip_upload(b"PK\x03\x04 this is not really a zip"))
    assert "network.zip: not a zip archive, or a damaged one" in message


def test_a_zip_with_other_files_is_refused(engine: Engine) -> None:
    message = refused(
        engine, zip_upload(zipped(demo_files())), uploads.Upload("courses.csv", b"id\n")
    )
    assert "upload one zip on its own" in message


def test_an_encrypted_entry_is_refused(engine: Engine) -> None:
    data = bytearray(make_zip(demo_entries()))
    central = data.find(b"PK\x01\x02")
    struct.pack_into("<H", data, central + 8, 0x1)  # the central directory's "encrypted" flag
    message = refused(engine, zip_upload(bytes(data)))
    assert "the file is encrypted" in message


def test_nothing_chosen(engine: Engine) -> None:
    assert "choose a zip of the network folder" in refused(engine, uploads.Upload("", b""))


def test_an_incomplete_zip_lists_every_missing_file(engine: Engine) -> None:
    data = make_zip([("vale_and_wolds/courses.csv", demo_files()["courses.csv"])])
    message = refused(engine, zip_upload(data))
    for name in ("network.yml", "institutions.csv", "progressions.csv", "contacts.csv"):
        assert f"{name}: file is missing" in message


def test_a_zip_for_another_network_is_refused(engine: Engine) -> None:
    files: Dict[str, bytes] = demo_files()
    files["network.yml"] = b"id: fenland_coast\n" + files["network.yml"]
    message = refused(engine, zip_upload(zipped(files)))
    assert "network.yml:1: column 'id': this folder is the network 'fenland_coast'" in message


@pytest.mark.parametrize(
    "name", ["../x", "/abs", "a/./b", "a\x00b", "C:\\x", "ok/../../x", "", "a//..//b"]
)
def test_unsafe_path(name: str) -> None:
    assert uploads.unsafe_path(name)


@pytest.mark.parametrize("name", ["courses.csv", "vale_and_wolds/courses.csv", "a..b/c.csv"])
def test_safe_path(name: str) -> None:
    assert not uploads.unsafe_path(name)


def test_pack_is_stable_and_unpacks_to_the_same_files() -> None:
    files = demo_files()
    assert uploads.pack(files) == uploads.pack(dict(reversed(list(files.items()))))
    assert uploads.unpack(uploads.pack(files)) == files
