"""Uploaded network files, checked before the contract reads them (no database here).

A coordinator uploads a whole network folder as a zip, or single files that replace
those of the live catalogue's source. Before the contract's own checks
(:func:`pathways_catalogue.importers.folder.read_network`), an upload is checked for
what a hostile or broken file could do: its size, the number of files, their names,
paths that climb out of the folder, links, the compression ratio (zip bombs, from
the zip's headers and again while reading) and the encoding. Nothing is extracted by
an entry's own name: the files are held in memory by their contract names, and only
those are written, into a fresh temporary folder, for the contract to read.

Every check raises :class:`ImportProblems` with the file it concerns, so the console
shows upload problems as it shows the contract's.
"""

from __future__ import annotations

import io
import stat
import tempfile
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Dict, List, Mapping, Sequence

from pathways_catalogue.contract import COLUMNS, NETWORK_FILE
from pathways_catalogue.importers.folder import read_network, yaml_key_line
from pathways_catalogue.importers.records import ImportProblems, NetworkRecord, Problem

MiB = 1024 * 1024
#: the largest request body an upload may be (the zip, or the single files together)
MAX_UPLOAD_BYTES = 10 * MiB
#: the largest one file may be once uncompressed
MAX_FILE_BYTES = 20 * MiB
#: the most all the files of an upload may hold once uncompressed
MAX_TOTAL_BYTES = 40 * MiB
#: the highest ratio of uncompressed to compressed size (CSV text compresses about 5:1)
MAX_RATIO = 100
#: files smaller than this are not held to the ratio (a tiny file may compress well)
RATIO_FLOOR = 1 * MiB
#: the most entries a zip (folders included) or an upload may have
MAX_ENTRIES = 20
#: how much of a zip entry is read at a time
CHUNK = 64 * 1024
#: the files of a network folder, as the contract names them
CONTRACT_FILES = (NETWORK_FILE, *COLUMNS)
#: files kept with a network's source but not read by the contract
EXTRA_FILES = ("README.md",)
KNOWN_FILES = frozenset((*CONTRACT_FILES, *EXTRA_FILES))
#: what zip tools add that is not part of the folder (skipped, never read)
IGNORED_PREFIXES = ("__MACOSX/",)
IGNORED_NAMES = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})
#: the only compression methods read
METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "deflated"}
#: the date written into the zips this module makes (so the same files make the same zip)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
#: the name problems of the upload as a whole are reported under
UPLOAD = "(upload)"


@dataclass(frozen=True)
class Upload:
    """One file as the browser sent it: its name and bytes."""

    name: str
    data: bytes


def _at(file: str, message: str) -> Problem:
    """A problem of a whole file (no line)."""
    return Problem(file, 0, "", message)


def _refuse(file: str, message: str) -> ImportProblems:
    return ImportProblems([_at(file, message)])


def _mib(size: int) -> str:
    return f"{size / MiB:.0f} MB" if size >= MiB else f"{size} bytes"


def file_list() -> str:
    """The names a network folder holds, for messages."""
    return ", ".join(CONTRACT_FILES)


# -- zips -------------------------------------------------------------------


def unsafe_path(name: str) -> bool:
    """Whether a zip entry's name could point outside the folder it is extracted to."""
    if not name or "\x00" in name or "\\" in name or any(ord(c) < 32 for c in name):
        return True
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return True
    return any(part in ("..", ".") for part in name.rstrip("/").split("/"))


def _entry_kind(info: zipfile.ZipInfo) -> str:
    """The entry's kind: file, folder, or what else its Unix mode says it is."""
    kind = stat.S_IFMT(info.external_attr >> 16)  # 0 when the zip tool gave no type
    if stat.S_ISLNK(kind):
        return "symbolic link"
    if info.is_dir() or stat.S_ISDIR(kind):
        return "folder"
    if kind and not stat.S_ISREG(kind):
        return "special file"
    return "file"


def _ignored(name: str) -> bool:
    return name.startswith(IGNORED_PREFIXES) or PurePosixPath(name).name in IGNORED_NAMES


def _header_problems(infos: Sequence[zipfile.ZipInfo], archive_size: int) -> List[Problem]:
    """What the zip's headers already show to be unsafe or too big."""
    problems: List[Problem] = []
    if len(infos) > MAX_ENTRIES:
        return [_at(UPLOAD, f"the zip has {len(infos)} entries; at most {MAX_ENTRIES} are read")]
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL_BYTES:
        problems.append(
            _at(
                UPLOAD,
                f"the zip would unpack to {_mib(total)}; at most {_mib(MAX_TOTAL_BYTES)} are read",
            )
        )
    elif total > RATIO_FLOOR and total > MAX_RATIO * max(1, archive_size):
        problems.append(
            _at(
                UPLOAD,
                f"the zip would unpack to {total // max(1, archive_size)} "
                f"times its size (a zip bomb?); at most {MAX_RATIO} "
                "times is read",
            )
        )
    for info in infos:
        name = info.filename
        kind = _entry_kind(info)
        if unsafe_path(name):
            problems.append(
                _at(
                    name,
                    "unsafe path in the zip (it climbs out of the "
                    "folder or is absolute); nothing was read",
                )
            )
        elif kind not in ("file", "folder"):
            problems.append(_at(name, f"the zip entry is a {kind}, not a file; nothing was read"))
        elif kind == "file" and not _ignored(name):
            problems.extend(_file_header_problems(info))
    return problems


def _file_header_problems(info: zipfile.ZipInfo) -> List[Problem]:
    name = info.filename
    if info.flag_bits & 0x1:
        return [_at(name, "the file is encrypted; zip it without a password")]
    if info.compress_type not in METHODS:
        return [
            _at(
                name,
                "the file is compressed with a method other than "
                "'deflate'; zip it with your system's ordinary zip tool",
            )
        ]
    if info.file_size > MAX_FILE_BYTES:
        return [
            _at(
                name,
                f"the file is {_mib(info.file_size)} unpacked; at most "
                f"{_mib(MAX_FILE_BYTES)} per file",
            )
        ]
    if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(1, info.compress_size):
        ratio = info.file_size // max(1, info.compress_size)
        return [
            _at(
                name,
                f"the file unpacks to {ratio} times its compressed size "
                f"(a zip bomb?); at most {MAX_RATIO} times",
            )
        ]
    return []


def _folder_names(names: Sequence[str]) -> Dict[str, str]:
    """Each kept entry's name in the folder: one top folder common to all is dropped."""
    parts = [PurePosixPath(n).parts for n in names]
    top = {p[0] for p in parts if len(p) > 1}
    strip = len(top) == 1 and all(len(p) > 1 for p in parts)
    return {n: "/".join(p[1:] if strip else p) for n, p in zip(names, parts, strict=True)}


def _read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    """The entry's bytes, read a chunk at a time and never more than its header said."""
    limit = min(info.file_size, MAX_FILE_BYTES, budget)
    out = bytearray()
    try:
        with archive.open(info) as handle:
            while True:
                chunk = handle.read(CHUNK)
                if not chunk:
                    break
                out += chunk
                if len(out) > limit:
                    raise _refuse(
                        info.filename,
                        f"the file holds more than the {_mib(limit)} "
                        "its zip header gives (a zip bomb?)",
                    )
    except (zipfile.BadZipFile, zlib.error, EOFError) as err:
        raise _refuse(
            info.filename,
            "the file in the zip is damaged or not what its header "
            f"says ({str(err)[:80]}); nothing was read",
        ) from None
    return bytes(out)


def files_of_zip(data: bytes, label: str = "upload.zip") -> Dict[str, bytes]:
    """The network folder's files in a zip, by name (``courses.csv``...).

    The files may be at the top of the zip or in one folder. Entries of macOS's
    ``__MACOSX/`` folder and ``.DS_Store`` files are skipped.

    Raises:
        ImportProblems: every problem found in the zip's headers; or the first met
            while reading (a file larger than its header says, a damaged file).

    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zlib.error, ValueError, EOFError):
        raise _refuse(label, "not a zip archive, or a damaged one") from None
    with archive:
        infos = archive.infolist()
        problems = _header_problems(infos, len(data))
        if problems:
            raise ImportProblems(problems)
        kept = [i for i in infos if _entry_kind(i) == "file" and not _ignored(i.filename)]
        names = _folder_names([i.filename for i in kept])
        problems = _name_problems([names[i.filename] for i in kept], [i.filename for i in kept])
        if problems:
            raise ImportProblems(problems)
        files: Dict[str, bytes] = {}
        budget = MAX_TOTAL_BYTES
        for info in kept:
            content = _read_entry(archive, info, budget)
            budget -= len(content)
            files[names[info.filename]] = content
    return files


def _name_problems(names: Sequence[str], shown: Sequence[str]) -> List[Problem]:
    """Unknown names and names given twice."""
    problems: List[Problem] = []
    seen = set()
    for name, label in zip(names, shown, strict=True):
        if name not in KNOWN_FILES:
            problems.append(
                _at(
                    label,
                    f"unknown file name; a network folder holds "
                    f"{file_list()} (and may hold README.md)",
                )
            )
        elif name in seen:
            problems.append(_at(label, "the file is in the upload twice"))
        seen.add(name)
    return problems


# -- single files and the whole upload -------------------------------------


def files_of_singles(uploads: Sequence[Upload]) -> Dict[str, bytes]:
    """Single files (CSV, network.yml) by their contract name.

    Raises:
        ImportProblems: for too many files, unknown names, a file given twice or too big.

    """
    if len(uploads) > MAX_ENTRIES:
        raise _refuse(UPLOAD, f"{len(uploads)} files; at most {MAX_ENTRIES} at once")
    names = [u.name.strip() for u in uploads]
    problems = _name_problems(names, [u.name or "(no name)" for u in uploads])
    for upload in uploads:
        if len(upload.data) > MAX_FILE_BYTES:
            problems.append(
                _at(
                    upload.name,
                    f"the file is {_mib(len(upload.data))}; at most {_mib(MAX_FILE_BYTES)}",
                )
            )
    if problems:
        raise ImportProblems(problems)
    return {name: upload.data for name, upload in zip(names, uploads, strict=True)}


def is_zip(upload: Upload) -> bool:
    """Whether an uploaded file is meant as a zip (by its name or its first bytes)."""
    return upload.name.lower().endswith(".zip") or upload.data[:4] == b"PK\x03\x04"


def files_of_upload(uploads: Sequence[Upload]) -> tuple[Dict[str, bytes], bool]:
    """The files of an upload, and whether they are a whole folder (a zip).

    Raises:
        ImportProblems: for an empty upload, a zip sent with other files, and
            everything :func:`files_of_zip` and :func:`files_of_singles` refuse.

    """
    uploads = [u for u in uploads if u.name or u.data]
    if not uploads:
        raise _refuse(UPLOAD, "choose a zip of the network folder, or one or more CSV files")
    zips = [u for u in uploads if is_zip(u)]
    if zips and len(uploads) > 1:
        raise _refuse(UPLOAD, "upload one zip on its own, or single CSV files without a zip")
    if zips:
        return files_of_zip(zips[0].data, zips[0].name or "upload.zip"), True
    return files_of_singles(uploads), False


def text_problems(files: Mapping[str, bytes]) -> List[Problem]:
    """Each file that is not UTF-8 text, with the line and byte where it stops being so."""
    problems: List[Problem] = []
    for name in sorted(files):
        data = files[name]
        try:
            data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            line = data[: err.start].count(b"\n") + 1
            problems.append(
                Problem(
                    name,
                    line,
                    "",
                    f"the file is not UTF-8 (byte "
                    f"0x{data[err.start]:02x} at offset {err.start}); "
                    "save it as 'CSV UTF-8'",
                )
            )
    return problems


# -- stored sources and reading them as a network ----------------------------


def pack(files: Mapping[str, bytes]) -> bytes:
    """The files as a zip (sorted, fixed dates: the same files give the same bytes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            archive.writestr(info, files[name])
    return buffer.getvalue()


def unpack(source: bytes) -> Dict[str, bytes]:
    """The files of a stored source (checked like an upload all the same)."""
    return files_of_zip(source, "stored source")


def read_files(files: Mapping[str, bytes], slug: str) -> NetworkRecord:
    """Validate ``files`` as the folder of network ``slug`` with the import contract.

    Raises:
        ImportProblems: every problem found (encoding, the contract's), each with
            its file, line and column; or an ``id`` in network.yml naming another network.

    """
    problems = text_problems(files)
    if problems:
        raise ImportProblems(problems)
    with tempfile.TemporaryDirectory(prefix="pathways-upload-") as scratch:
        folder = Path(scratch) / slug
        folder.mkdir()
        for name, data in files.items():
            if name in KNOWN_FILES:  # never a name from the upload itself
                (folder / name).write_bytes(data)
        record = read_network(folder)
    if record.slug != slug:
        text = files.get(NETWORK_FILE, b"").decode("utf-8-sig")
        raise ImportProblems(
            [
                Problem(
                    NETWORK_FILE,
                    yaml_key_line(text, "id"),
                    "id",
                    f"this folder is the network {record.slug!r}; you are "
                    f"publishing {slug!r} (change its id, or choose it)",
                )
            ]
        )
    record.source = f"console upload ({slug})"
    return record
