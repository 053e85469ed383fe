"""Catalogue operations that own a transaction: import, bootstrap, gazetteer load."""

from __future__ import annotations

from pathlib import Path
from typing import Optional, Sequence

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from pathways_catalogue.db import upgrade
from pathways_catalogue.importers.folder import read_network
from pathways_catalogue.importers.records import NetworkRecord
from pathways_catalogue.loader import write_network
from pathways_catalogue.models import Network, Qualification
from pathways_catalogue.settings import DEMO_NETWORK, OFQUAL_FILES


def import_record(engine: Engine, record: NetworkRecord, progress: bool = False) -> int:
    """Write a validated network in one transaction; return its id."""
    with Session(engine, future=True) as session, session.begin():
        return write_network(session, record, progress=progress)


def import_folder(engine: Engine, folder: Path, progress: bool = False) -> NetworkRecord:
    """Validate and import a network folder, all or nothing.

    Raises:
        ImportProblems: if the folder has any problem; the database is untouched.

    """
    record = read_network(folder)
    import_record(engine, record, progress=progress)
    return record


def network_count(engine: Engine) -> int:
    """How many networks the database holds."""
    with Session(engine, future=True) as session:
        return int(session.execute(select(func.count()).select_from(Network)).scalar_one())


def gazetteer_size(engine: Engine) -> int:
    """How many qualification titles the gazetteer holds."""
    with Session(engine, future=True) as session:
        return int(session.execute(select(func.count()).select_from(Qualification)).scalar_one())


def bootstrap(
    engine: Engine,
    folder: Optional[Path] = None,
    gazetteer: Optional[Sequence[Path]] = None,
) -> Optional[str]:
    """Migrate the schema; fill an empty database with the demo network and gazetteer.

    The demo network is imported when the database holds no network, and the shipped
    Ofqual titles when the gazetteer is empty; an existing catalogue is left alone.
    Returns the slug imported, or None when the database already had a network.
    """
    from pathways_catalogue.importers.ofqual import import_ofqual

    upgrade(engine)
    if not gazetteer_size(engine):
        import_ofqual(engine, list(gazetteer if gazetteer is not None else OFQUAL_FILES))
    if network_count(engine):
        return None
    record = import_folder(engine, folder or DEMO_NETWORK)
    return record.slug
