"""Publishing a network from uploaded files: drafts, the preview's difference, versions.

Every function takes a ``Session``; the caller owns the transaction, so a publish
(the network written by :func:`pathways_catalogue.loader.write_network`, its version
row, the draft removed, and whatever the caller adds, such as an audit entry) lands
whole or not at all. Writing the network gives it a new ``version`` stamp, which is
what the action server checks at every message (:func:`catalogue_version`): a publish
is understood at the next learner message, with no retraining.

Each published version keeps its source files (a zip), so a single CSV can replace
one file of the live catalogue's source, and a roll-back publishes an older version's
source again, as a new version. A catalogue imported with the command line since the
last publish is recorded as a version of its own (``baseline``, from the database)
before the next publish, so it can be rolled back to as well.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field
from typing import Dict, List, Mapping, Optional, Sequence, Tuple

import yaml
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, aliased

from pathways_catalogue import uploads
from pathways_catalogue.contract import COLUMNS, NETWORK_FILE
from pathways_catalogue.importers.records import NetworkRecord
from pathways_catalogue.loader import write_network
from pathways_catalogue.models import (
    CatalogueDraft,
    CatalogueVersion,
    Contact,
    Course,
    Institution,
    Network,
    Progression,
    utcnow,
)

UPLOAD, ROLLBACK, BASELINE = "upload", "rollback", "baseline"
#: the longest note a coordinator may give a version
MAX_NOTE = 500
#: the most changed values a preview quotes in full per field
SHOWN_VALUE = 120

#: why a draft cannot be published any more
STALE = (
    "The live catalogue changed since you uploaded this (someone published). "
    "Upload your files again to see what they change now."
)
#: one section's items: key -> (label, field -> value)
Items = Dict[str, Tuple[str, Dict[str, str]]]


class PublishError(Exception):
    """A publish or roll-back that cannot be done; the message is for the coordinator."""


# -- what is live --------------------------------------------------------------


def networks(session: Session) -> List[Tuple[str, str]]:
    """(slug, name) of every network, by slug."""
    return [
        tuple(r) for r in session.execute(select(Network.slug, Network.name).order_by(Network.slug))
    ]  # type: ignore[misc]


def live_network(session: Session, slug: str) -> Network:
    """The network ``slug``.

    Raises:
        PublishError: if there is none.

    """
    network = session.execute(select(Network).where(Network.slug == slug)).scalar_one_or_none()
    if network is None:
        raise PublishError(f"There is no network {slug!r}.")
    return network


def history(session: Session, slug: str) -> List[CatalogueVersion]:
    """The versions of network ``slug``, newest first."""
    query = (
        select(CatalogueVersion)
        .where(CatalogueVersion.network_slug == slug)
        .order_by(CatalogueVersion.number.desc())
    )
    return list(session.execute(query).scalars())


def latest_version(session: Session, slug: str) -> Optional[CatalogueVersion]:
    """The newest version of network ``slug``, or None."""
    found = history(session, slug)
    return found[0] if found else None


def live_version(session: Session, slug: str) -> Optional[CatalogueVersion]:
    """The version the live catalogue is; None if it was imported outside the console."""
    latest = latest_version(session, slug)
    if latest is not None and latest.network_version == live_network(session, slug).version:
        return latest
    return None


def live_files(session: Session, slug: str) -> Dict[str, bytes]:
    """The source files of the live catalogue: its version's, else written from the database."""
    version = live_version(session, slug)
    if version is not None:
        return uploads.unpack(version.source)
    return export_files(session, slug)


# -- the live catalogue as a network folder -----------------------------------


def _csv(header: Sequence[str], rows: List[List[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _columns(name: str) -> Tuple[str, ...]:
    required, optional = COLUMNS[name]
    return (*required, *optional)


def _number(value: Optional[float]) -> str:
    return "" if value is None else repr(value)


def export_files(session: Session, slug: str) -> Dict[str, bytes]:
    """The network ``slug`` as the files of a network folder (the import contract).

    Reading them back gives the same network; used as the source of a catalogue
    imported with the command line.
    """
    network = live_network(session, slug)
    meta = {"id": slug, "name": network.name, "region": network.region,
            "description": network.description, "website": network.website}  # fmt: skip
    text = yaml.safe_dump({k: v for k, v in meta.items() if v}, allow_unicode=True, sort_keys=False)
    files = {NETWORK_FILE: text.encode("utf-8")}
    live = snapshot_of_database(session, slug)
    for name, section in (("institutions.csv", "institutions"), ("courses.csv", "courses"),
                          ("contacts.csv", "contacts")):  # fmt: skip
        header = _columns(name)
        rows = [[key if c == "id" else values.get(c, "") for c in header]
                for key, (_, values) in sorted(live[section].items())]  # fmt: skip
        files[name] = _csv(header, rows)
    header = _columns("progressions.csv")
    rows = [
        [values.get(c, "") for c in header] for _, (_, values) in sorted(live["agreements"].items())
    ]
    files["progressions.csv"] = _csv(header, rows)
    return files


# -- comparable snapshots ------------------------------------------------------


def _agreement_key(source: str, target: str) -> str:
    return f"{source} → {target}"


def snapshot_of_record(record: NetworkRecord) -> Dict[str, Items]:
    """A network read from files, as the values the database will hold."""
    towns = {i.code: i.town for i in record.institutions}
    titles = {c.code: c.title for c in record.courses}

    def title(code: str) -> str:
        return titles.get(code, code)

    return {
        "institutions": {
            i.code: (i.name, {"name": i.name, "kind": i.kind, "town": i.town,
                              "postcode": i.postcode, "latitude": _number(i.latitude),
                              "longitude": _number(i.longitude), "website": i.website,
                              "ukprn": i.ukprn})
            for i in record.institutions
        },
        "courses": {
            c.code: (c.title, {"institution_id": c.institution, "title": c.title,
                               "qualification": c.qualification, "level": str(c.level),
                               "subject": c.subject, "modes": ";".join(c.modes),
                               "town": c.town or towns.get(c.institution, ""),
                               "duration": c.duration, "entry_requirements": c.entry_requirements,
                               "ucas_points": "" if c.ucas_points is None else str(c.ucas_points),
                               "aliases": ";".join(c.aliases), "keywords": ";".join(c.keywords),
                               "url": c.url})
            for c in record.courses
        },
        "agreements": {
            _agreement_key(p.from_course, p.to_course): (
                f"{title(p.from_course)} → {title(p.to_course)}",
                {"from_course_id": p.from_course, "to_course_id": p.to_course, "kind": p.kind,
                 "conditions": p.conditions})
            for p in record.progressions
        },
        "contacts": {
            c.code: (c.name, {"institution_id": c.institution, "name": c.name, "role": c.role,
                              "email": c.email, "phone": c.phone, "subjects": ";".join(c.subjects),
                              "notes": c.notes})
            for c in record.contacts
        },
    }  # fmt: skip


def snapshot_of_database(session: Session, slug: str) -> Dict[str, Items]:
    """The live network ``slug``, in the form of :func:`snapshot_of_record`."""
    nid = live_network(session, slug).id
    inst = {i.id: i for i in session.execute(
        select(Institution).where(Institution.network_id == nid)).scalars()}  # fmt: skip
    courses = {c.id: c for c in session.execute(
        select(Course).where(Course.network_id == nid)).scalars()}  # fmt: skip
    source, target = aliased(Course), aliased(Course)
    agreements = session.execute(
        select(source.code, source.title, target.code, target.title, Progression.kind,
               Progression.conditions)
        .join(source, Progression.from_course_id == source.id)
        .join(target, Progression.to_course_id == target.id)
        .where(Progression.network_id == nid)
    ).all()  # fmt: skip
    contacts = session.execute(select(Contact).where(Contact.network_id == nid)).scalars()
    return {
        "institutions": {
            i.code: (i.name, {"name": i.name, "kind": i.kind, "town": i.town,
                              "postcode": i.postcode, "latitude": _number(i.latitude),
                              "longitude": _number(i.longitude), "website": i.website,
                              "ukprn": i.ukprn})
            for i in inst.values()
        },
        "courses": {
            c.code: (c.title, {"institution_id": inst[c.institution_id].code, "title": c.title,
                               "qualification": c.qualification, "level": str(c.level),
                               "subject": c.subject, "modes": c.modes, "town": c.town,
                               "duration": c.duration, "entry_requirements": c.entry_requirements,
                               "ucas_points": "" if c.ucas_points is None else str(c.ucas_points),
                               "aliases": c.aliases, "keywords": c.keywords, "url": c.url})
            for c in courses.values()
        },
        "agreements": {
            _agreement_key(a[0], a[2]): (f"{a[1]} → {a[3]}",
                                         {"from_course_id": a[0], "to_course_id": a[2],
                                          "kind": a[4], "conditions": a[5]})
            for a in agreements
        },
        "contacts": {
            c.code: (c.name, {"institution_id": inst[c.institution_id].code, "name": c.name,
                              "role": c.role, "email": c.email, "phone": c.phone,
                              "subjects": c.subjects, "notes": c.notes})
            for c in contacts
        },
    }  # fmt: skip


# -- the difference ------------------------------------------------------------


@dataclass(frozen=True)
class FieldChange:
    """One field of an item, before and after."""

    field: str
    old: str
    new: str


@dataclass(frozen=True)
class Changed:
    """An item whose fields changed."""

    key: str
    label: str
    fields: Tuple[FieldChange, ...]


@dataclass(frozen=True)
class Section:
    """What changes in one kind of item (courses, agreements...)."""

    name: str
    added: List[Tuple[str, str]] = field(default_factory=list)
    changed: List[Changed] = field(default_factory=list)
    removed: List[Tuple[str, str]] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        """True when nothing is added, changed or removed."""
        return not (self.added or self.changed or self.removed)


@dataclass(frozen=True)
class CatalogueDiff:
    """What publishing a network would change, section by section."""

    network: Tuple[FieldChange, ...]
    sections: List[Section]

    @property
    def unchanged(self) -> bool:
        """True when publishing would change nothing."""
        return not self.network and all(s.unchanged for s in self.sections)

    def section(self, name: str) -> Section:
        """The section ``name`` ("courses", "agreements", "contacts", "institutions")."""
        return next(s for s in self.sections if s.name == name)


def _cut(value: str) -> str:
    return value if len(value) <= SHOWN_VALUE else value[:SHOWN_VALUE] + "…"


def _section(name: str, old: Items, new: Items) -> Section:
    section = Section(name)
    for key in sorted(new.keys() - old.keys()):
        section.added.append((key, new[key][0]))
    for key in sorted(old.keys() - new.keys()):
        section.removed.append((key, old[key][0]))
    for key in sorted(old.keys() & new.keys()):
        before, after = old[key][1], new[key][1]
        fields = tuple(FieldChange(f, _cut(before.get(f, "")), _cut(after.get(f, "")))
                       for f in after if before.get(f, "") != after.get(f, ""))  # fmt: skip
        if fields:
            section.changed.append(Changed(key, new[key][0], fields))
    return section


SECTIONS = ("courses", "agreements", "contacts", "institutions")


def difference(session: Session, slug: str, record: NetworkRecord) -> CatalogueDiff:
    """What publishing ``record`` as network ``slug`` changes in the live catalogue."""
    network = live_network(session, slug)
    old, new = snapshot_of_database(session, slug), snapshot_of_record(record)
    meta = tuple(
        FieldChange(f, _cut(str(getattr(network, f) or "")), _cut(getattr(record, f)))
        for f in ("name", "region", "description", "website")
        if str(getattr(network, f) or "") != getattr(record, f)
    )
    return CatalogueDiff(meta, [_section(s, old[s], new[s]) for s in SECTIONS])


# -- drafts --------------------------------------------------------------------


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def prepare(
    session: Session, slug: str, sent: Sequence[uploads.Upload]
) -> Tuple[Dict[str, bytes], NetworkRecord]:
    """Check an upload for network ``slug``: the files it makes, and the network they are.

    A zip is the whole folder; single files replace those of the live source.

    Raises:
        PublishError: if there is no network ``slug``.
        ImportProblems: every problem of the upload, each with file, line and column.

    """
    live_network(session, slug)
    files, whole = uploads.files_of_upload(sent)
    if not whole:
        files = {**live_files(session, slug), **files}
    return files, uploads.read_files(files, slug)


def save_draft(session: Session, owner_id: int, slug: str, files: Mapping[str, bytes],
               uploaded: str) -> CatalogueDraft:  # fmt: skip
    """Keep validated ``files`` as ``owner_id``'s draft (replacing their earlier one)."""
    discard(session, owner_id)
    source = uploads.pack(files)
    draft = CatalogueDraft(
        owner_id=owner_id, network_slug=slug, created_at=utcnow(), uploaded=uploaded[:400],
        base_version=live_network(session, slug).version, source=source,
        source_sha256=_digest(source),
    )  # fmt: skip
    session.add(draft)
    session.flush()
    return draft


def draft_of(session: Session, owner_id: int) -> Optional[CatalogueDraft]:
    """``owner_id``'s draft, or None."""
    query = select(CatalogueDraft).where(CatalogueDraft.owner_id == owner_id)
    return session.execute(query).scalar_one_or_none()


def discard(session: Session, owner_id: int) -> bool:
    """Drop ``owner_id``'s draft; return whether there was one."""
    result = session.execute(delete(CatalogueDraft).where(CatalogueDraft.owner_id == owner_id))
    return bool(result.rowcount)


def draft_record(draft: CatalogueDraft) -> NetworkRecord:
    """The network a draft holds (read again from its stored files)."""
    return uploads.read_files(uploads.unpack(draft.source), draft.network_slug)


def stale(session: Session, draft: CatalogueDraft) -> bool:
    """Whether the live catalogue changed since the draft was uploaded."""
    return bool(live_network(session, draft.network_slug).version != draft.base_version)


# -- publishing ----------------------------------------------------------------


def _next_number(session: Session, slug: str) -> int:
    query = select(func.max(CatalogueVersion.number)).where(CatalogueVersion.network_slug == slug)
    return int(session.execute(query).scalar_one() or 0) + 1


def _add_version(session: Session, slug: str, files: Mapping[str, bytes], record: NetworkRecord,
                 kind: str, by_id: Optional[int], by: str, note: str,
                 rolled_back_to: Optional[int] = None) -> CatalogueVersion:  # fmt: skip
    source = uploads.pack(files)
    version = CatalogueVersion(
        network_slug=slug, number=_next_number(session, slug), published_at=utcnow(),
        published_by_id=by_id, published_by=by[:400], kind=kind, note=note[:MAX_NOTE],
        rolled_back_to=rolled_back_to, source=source, source_sha256=_digest(source),
        network_version=live_network(session, slug).version,
        institutions=len(record.institutions), courses=len(record.courses),
        agreements=len(record.progressions), contacts=len(record.contacts),
    )  # fmt: skip
    session.add(version)
    session.flush()
    return version


def record_baseline(session: Session, slug: str) -> Optional[CatalogueVersion]:
    """Record the live catalogue as a version if the console has none of it (a CLI import)."""
    if live_version(session, slug) is not None:
        return None
    files = export_files(session, slug)
    record = uploads.read_files(files, slug)
    return _add_version(session, slug, files, record, BASELINE, None, "",
                        "the catalogue as imported outside the console")  # fmt: skip


def _publish(session: Session, slug: str, files: Mapping[str, bytes], record: NetworkRecord,
             kind: str, by_id: Optional[int], by: str, note: str,
             rolled_back_to: Optional[int] = None) -> CatalogueVersion:  # fmt: skip
    record_baseline(session, slug)
    write_network(session, record)
    return _add_version(session, slug, files, record, kind, by_id, by, note, rolled_back_to)


def publish_draft(session: Session, owner_id: int, by: str, note: str = "") -> CatalogueVersion:
    """Publish ``owner_id``'s draft; it is live at the next learner message.

    Raises:
        PublishError: no draft, or the live catalogue changed since it was uploaded.
        ImportProblems: if the stored draft no longer passes the contract.

    """
    draft = draft_of(session, owner_id)
    if draft is None:
        raise PublishError("There is no upload waiting to be published. Upload it again.")
    if stale(session, draft):
        raise PublishError(STALE)
    files = uploads.unpack(draft.source)
    record = uploads.read_files(files, draft.network_slug)
    slug = draft.network_slug
    session.delete(draft)
    return _publish(session, slug, files, record, UPLOAD, owner_id, by, note.strip())


def roll_back(
    session: Session, slug: str, number: int, by_id: Optional[int], by: str
) -> CatalogueVersion:
    """Publish version ``number`` of network ``slug`` again, as a new version.

    Raises:
        PublishError: no such version.
        ImportProblems: if its source no longer passes the contract.

    """
    query = select(CatalogueVersion).where(
        CatalogueVersion.network_slug == slug, CatalogueVersion.number == number
    )
    old = session.execute(query).scalar_one_or_none()
    if old is None:
        raise PublishError(f"Network {slug!r} has no version {number}.")
    files = uploads.unpack(old.source)
    record = uploads.read_files(files, slug)
    return _publish(session, slug, files, record, ROLLBACK, by_id, by,
                    f"rolled back to v{number}", rolled_back_to=number)  # fmt: skip


def version_source(session: Session, slug: str, number: int) -> Optional[bytes]:
    """The stored source (a zip) of version ``number`` of network ``slug``."""
    query = select(CatalogueVersion.source).where(
        CatalogueVersion.network_slug == slug, CatalogueVersion.number == number
    )
    found = session.execute(query).scalar_one_or_none()
    return bytes(found) if found is not None else None
