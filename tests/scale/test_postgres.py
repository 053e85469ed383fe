"""The catalogue and the enquiries on PostgreSQL behave as on SQLite.

A fresh database in the topology's PostgreSQL: both schemas migrate to exactly the
models, route search gives the same routes as on SQLite for every demo course, the
fingerprint (whether to retrain) is the same, and enquiry references stay unique.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Iterator, List

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from deploy.scale import DB_USER, Topology
from enquiries.db import VERSION_TABLE as ENQUIRIES_VERSION
from enquiries.models import Base as EnquiriesBase
from enquiries.store import create_enquiry
from pathways_catalogue.db import VERSION_TABLE as CATALOGUE_VERSION
from pathways_catalogue.fingerprint import catalogue_fingerprint
from pathways_catalogue.models import Base as CatalogueBase
from pathways_catalogue.models import Course, Network
from pathways_catalogue.routes import Constraints, Start, find_routes
from pathways_catalogue.service import import_folder
from pathways_catalogue.settings import DEMO_NETWORK
from storage import make_engine
from storage.profile import postgres_url
from tests.conftest import DEMO_SLUG, SECOND_NETWORK, migrate, schema_diff

pytestmark = [pytest.mark.scale, pytest.mark.slow]


@pytest.fixture(scope="module")
def pg_engine(topology: Topology) -> Iterator[Engine]:
    """A new PostgreSQL database, migrated, holding the demo and the second network."""
    name = f"check_{uuid.uuid4().hex[:8]}"
    topology.postgres.sql(f"CREATE DATABASE {name} OWNER {DB_USER};")
    url = make_url(postgres_url(env=topology.env())).set(database=name)
    engine = make_engine(url.render_as_string(hide_password=False))
    migrate(engine)
    import_folder(engine, DEMO_NETWORK)
    import_folder(engine, SECOND_NETWORK)
    yield engine
    engine.dispose()
    topology.postgres.sql(f"DROP DATABASE {name};")


@pytest.fixture(scope="module")
def sqlite_engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """The same networks in SQLite."""
    path: Path = tmp_path_factory.mktemp("sqlite") / "catalogue.db"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    import_folder(engine, DEMO_NETWORK)
    import_folder(engine, SECOND_NETWORK)
    yield engine
    engine.dispose()


def test_migrations_build_exactly_the_models(pg_engine: Engine) -> None:
    enquiry_tables = set(EnquiriesBase.metadata.tables)
    catalogue_tables = set(CatalogueBase.metadata.tables)
    assert schema_diff(pg_engine, CatalogueBase.metadata, CATALOGUE_VERSION,
                       enquiry_tables | {ENQUIRIES_VERSION}) == []  # fmt: skip
    assert schema_diff(pg_engine, EnquiriesBase.metadata, ENQUIRIES_VERSION,
                       catalogue_tables | {CATALOGUE_VERSION}) == []  # fmt: skip


def routes_of_every_course(engine: Engine) -> List[str]:
    out = []
    with Session(engine, future=True) as session:
        codes = session.execute(
            select(Course.code).join(Network).where(Network.slug == DEMO_SLUG).order_by(Course.code)
        ).scalars()
        part_time = Constraints(modes=frozenset({"part-time"}))
        for code in codes:
            for interests, constraints in (("", None), ("robots", None), ("", part_time)):
                routes = find_routes(session, Start(course=code), interests, constraints, DEMO_SLUG)
                out.append(f"{code} {interests}: {routes!r}")
        for level, subject in ((3, "engineering"), (3, "nursing"), (3, "cyber security")):
            out.append(repr(find_routes(session, Start(level=level, subject=subject))))
    return out


def test_route_search_is_the_same_as_on_sqlite(pg_engine: Engine, sqlite_engine: Engine) -> None:
    on_postgres = routes_of_every_course(pg_engine)
    assert len(on_postgres) > 500
    assert on_postgres == routes_of_every_course(sqlite_engine)


def test_fingerprint_is_the_same_as_on_sqlite(pg_engine: Engine, sqlite_engine: Engine) -> None:
    with Session(pg_engine, future=True) as a, Session(sqlite_engine, future=True) as b:
        assert catalogue_fingerprint(a) == catalogue_fingerprint(b), "no retraining needed"


def test_enquiry_references_are_unique(pg_engine: Engine) -> None:
    with Session(pg_engine, future=True) as session:
        first = create_enquiry(session, learner_name="Sam", email="s@example.com",
                               consent=True, profile={"course": "x"})  # fmt: skip
        session.commit()
        with pytest.raises(IntegrityError):  # the unique constraint, at the flush
            create_enquiry(session, reference=str(first.reference), learner_name="Ann")
