"""Write a validated network into the database, replacing any older copy."""

from __future__ import annotations

import uuid
from typing import Any, Dict, Iterable, Iterator, List, Sequence, TypeVar

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session
from tqdm import tqdm

from pathways_catalogue.importers.records import NetworkRecord
from pathways_catalogue.models import Contact, Course, Institution, Network, Progression
from pathways_catalogue.text import term_set

T = TypeVar("T")
BATCH = 5_000


def _batches(rows: Sequence[T], size: int = BATCH) -> Iterator[Sequence[T]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _insert_all(session: Session, table: Any, rows: List[Dict[str, Any]], bar: tqdm[Any]) -> None:
    for batch in _batches(rows):
        session.execute(insert(table), list(batch))
        bar.update(len(batch))


def course_terms(parts: Iterable[str]) -> str:
    """The space-separated lemmas stored in ``course.terms`` for matching."""
    return " ".join(sorted(term_set(parts)))


def delete_network(session: Session, slug: str) -> bool:
    """Delete a network and everything in it; return whether it existed."""
    network_id = session.execute(
        select(Network.id).where(Network.slug == slug)
    ).scalar_one_or_none()
    if network_id is None:
        return False
    for model in (Progression, Contact, Course, Institution):
        session.execute(delete(model).where(model.network_id == network_id))
    session.execute(delete(Network).where(Network.id == network_id))
    return True


def _add_network(session: Session, record: NetworkRecord) -> int:
    """Add the ``network`` row for ``record`` with a fresh version; return its id."""
    network = Network(
        slug=record.slug,
        name=record.name,
        region=record.region,
        description=record.description,
        website=record.website,
        source=record.source,
        subjects=";".join(sorted({c.subject for c in record.courses})),
        max_level=max((c.level for c in record.courses), default=0),
        version=uuid.uuid4().hex,
    )
    session.add(network)
    session.flush()
    return network.id


def _row_count(record: NetworkRecord) -> int:
    """How many rows writing ``record`` inserts, for the progress bar."""
    return (
        len(record.institutions)
        + len(record.courses)
        + len(record.progressions)
        + len(record.contacts)
    )


def _ids_by_code(session: Session, model: Any, nid: int) -> Dict[str, int]:
    """Map each ``code`` of ``model`` in network ``nid`` to its row id."""
    return dict(session.execute(select(model.code, model.id).where(model.network_id == nid)).all())


def _institution_rows(record: NetworkRecord, nid: int) -> List[Dict[str, Any]]:
    """The ``institution`` rows for ``record``."""
    return [
        dict(
            network_id=nid,
            code=i.code,
            name=i.name,
            kind=i.kind,
            town=i.town,
            postcode=i.postcode,
            latitude=i.latitude,
            longitude=i.longitude,
            website=i.website,
            ukprn=i.ukprn,
        )
        for i in record.institutions
    ]


def _course_rows(record: NetworkRecord, nid: int, inst_ids: Dict[str, int]) -> List[Dict[str, Any]]:
    """The ``course`` rows for ``record``; a course without a town takes its institution's."""
    inst_towns = {i.code: i.town for i in record.institutions}
    return [
        dict(
            network_id=nid,
            institution_id=inst_ids[c.institution],
            code=c.code,
            title=c.title,
            qualification=c.qualification,
            level=c.level,
            subject=c.subject,
            subject_key=c.subject.strip().lower(),
            modes=";".join(c.modes),
            town=c.town or inst_towns.get(c.institution, ""),
            duration=c.duration,
            entry_requirements=c.entry_requirements,
            ucas_points=c.ucas_points,
            aliases=";".join(c.aliases),
            keywords=";".join(c.keywords),
            url=c.url,
            terms=course_terms([c.title, c.subject, *c.aliases, *c.keywords]),
        )
        for c in record.courses
    ]


def _progression_rows(
    record: NetworkRecord, nid: int, course_ids: Dict[str, int]
) -> List[Dict[str, Any]]:
    """The ``progression`` rows for ``record``."""
    return [
        dict(
            network_id=nid,
            from_course_id=course_ids[p.from_course],
            to_course_id=course_ids[p.to_course],
            kind=p.kind,
            conditions=p.conditions,
        )
        for p in record.progressions
    ]


def _contact_rows(
    record: NetworkRecord, nid: int, inst_ids: Dict[str, int]
) -> List[Dict[str, Any]]:
    """The ``contact`` rows for ``record``."""
    return [
        dict(
            network_id=nid,
            institution_id=inst_ids[c.institution],
            code=c.code,
            name=c.name,
            role=c.role,
            email=c.email,
            phone=c.phone,
            subjects=";".join(c.subjects),
            notes=c.notes,
        )
        for c in record.contacts
    ]


def write_network(session: Session, record: NetworkRecord, progress: bool = False) -> int:
    """Replace the network ``record.slug`` with ``record``; return its id.

    The caller owns the transaction: either all of it lands, or none.
    """
    delete_network(session, record.slug)
    nid = _add_network(session, record)
    total = _row_count(record)
    with tqdm(total=total, desc=f"import {record.slug}", unit="row", disable=not progress) as bar:
        _insert_all(session, Institution, _institution_rows(record, nid), bar)
        inst_ids = _ids_by_code(session, Institution, nid)
        _insert_all(session, Course, _course_rows(record, nid, inst_ids), bar)
        course_ids = _ids_by_code(session, Course, nid)
        _insert_all(session, Progression, _progression_rows(record, nid, course_ids), bar)
        _insert_all(session, Contact, _contact_rows(record, nid, inst_ids), bar)
    return int(nid)
