"""The Ofqual titles' index kept on disk, keyed by everything it is built from.

Analysing the ~27,000 shipped Ofqual titles (:meth:`.CourseIndex.ofqual`) takes 7 to 15 s
on two cores. The action server builds it once (``actions.courses.warm_up``) and keeps
it as JSON under ``var/cache/`` (:data:`CACHE_DIR_ENV` moves it); later starts read it
in well under a second. The file's name is a digest (:func:`key`) of the titles, of
the code and data the analysis uses (this package's modules, ``pathways_catalogue/
text.py``, ``abbreviations.yml``) and of the lemma table's package version, so any
change to them builds and stores a new one; the older files are removed. The analysis
of a title does not read the catalogue's courses or places (``places=False,
correct=False``), so an import does not invalidate it.

Deleting ``var/cache/`` rebuilds it at the next start; ``PATHWAYS_OFQUAL_CACHE=0``
turns the cache off (the index is then built in memory at start, as before).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from importlib import metadata
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence

from pathways_catalogue.resolve.course_index import CourseEntry, OfqualIndex
from pathways_catalogue.resolve.shorthand import SHORTHAND_FILE
from pathways_catalogue.settings import PROJECT_ROOT
from storage.switches import switched_on

#: the layout of the stored file; raise it when :func:`to_json` changes
FORMAT_VERSION = 1
#: environment variable naming the cache folder (default ``var/cache``)
CACHE_DIR_ENV = "PATHWAYS_CACHE_DIR"
#: set to 0 to build the index at every start and keep no file
ENABLED_ENV = "PATHWAYS_OFQUAL_CACHE"
DEFAULT_DIR = PROJECT_ROOT / "var" / "cache"
PREFIX = "ofqual-index-"

logger = logging.getLogger(__name__)


def folder(env: Mapping[str, str]) -> Optional[Path]:
    """The cache folder ``env`` asks for, or None when the cache is off."""
    if not switched_on(env, ENABLED_ENV):
        return None
    return Path(env.get(CACHE_DIR_ENV) or DEFAULT_DIR)


def sources() -> List[Path]:
    """What the analysis of a title depends on, besides the titles: code and shorthand."""
    package = Path(__file__).resolve().parent
    return [*sorted(package.glob("*.py")), package.parent / "text.py", SHORTHAND_FILE]


def key(
    qualifications: Sequence[Sequence[Any]], depends_on: Optional[Sequence[Path]] = None
) -> str:
    """A digest of the titles and of the code and data their analysis uses."""
    digest = hashlib.sha256(f"format {FORMAT_VERSION}\n".encode())
    try:
        lemmas = metadata.version("spacy-lookups-data")
    except metadata.PackageNotFoundError:
        lemmas = "none"
    digest.update(f"spacy-lookups-data {lemmas}\n".encode())
    for source in sources() if depends_on is None else depends_on:
        digest.update(source.name.encode() + b"\0" + source.read_bytes() + b"\0")
    digest.update(json.dumps([list(q) for q in qualifications]).encode())
    return digest.hexdigest()


def path(cache: Path, digest: str) -> Path:
    """The file of the index with digest ``digest``."""
    return cache / f"{PREFIX}{digest}.json"


def to_json(index: OfqualIndex) -> Dict[str, Any]:
    """The index as plain JSON-ready data (sets as sorted lists)."""
    entries, words = index
    rows = [
        [sorted(e.terms), sorted(e.names[1]), sorted(e.quals), sorted(e.keys), e.level]
        for e in entries
    ]
    return {"version": FORMAT_VERSION, "entries": rows, "words": words}


def from_json(data: Mapping[str, Any]) -> OfqualIndex:
    """The index stored with :func:`to_json`.

    Raises:
        ValueError: for another format version.

    """
    if data.get("version") != FORMAT_VERSION:
        raise ValueError(f"unsupported Ofqual index format {data.get('version')!r}")
    entries: List[CourseEntry] = []
    for position, (terms, subject, quals, keys, level) in enumerate(data["entries"]):
        title_terms = frozenset(terms)
        entry = CourseEntry(
            index=position, terms=title_terms, names=[title_terms, frozenset(subject)],
            quals=frozenset(quals), keys=frozenset(keys), level=level,
        )  # fmt: skip
        entries.append(entry)
    words: Dict[str, List[int]] = {word: list(at) for word, at in data["words"].items()}
    return entries, words


def load(cache: Path, digest: str) -> Optional[OfqualIndex]:
    """The stored index of ``digest``, or None (none stored, or unreadable: logged)."""
    stored = path(cache, digest)
    if not stored.exists():
        return None
    try:
        return from_json(json.loads(stored.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as error:
        logger.warning("the stored Ofqual index %s is unreadable (%s): rebuilding", stored, error)
        return None


def store(cache: Path, digest: str, index: OfqualIndex) -> Path:
    """Write the index atomically under ``digest``; remove the older ones. Returns the file."""
    cache.mkdir(parents=True, exist_ok=True)
    target = path(cache, digest)
    partial = target.with_suffix(f".{os.getpid()}.partial")
    partial.write_text(json.dumps(to_json(index), separators=(",", ":")), encoding="utf-8")
    partial.replace(target)
    for older in cache.glob(f"{PREFIX}*.json"):
        if older != target:
            older.unlink(missing_ok=True)
    return target
