"""Advisers and case work on enquiries: visibility, the queue, changes and their audit."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from sqlalchemy import inspect, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from enquiries import work
from enquiries.advisers import (
    AdviserError,
    add_adviser,
    colleagues,
    disable_adviser,
    find_adviser,
    list_advisers,
)
from enquiries.db import MIGRATIONS_DIR, upgrade
from enquiries.models import AuditEntry, Enquiry, utcnow
from enquiries.store import create_enquiry
from storage.migrations import alembic_config


def test_advisers_are_added_found_listed_and_disabled(engine: Engine) -> None:
    with Session(engine, future=True) as s, s.begin():
        add_adviser(s, " Ada@Example.AC.uk ", "Ada", "adviser", "northgate", "hash")
        add_adviser(s, "cora@example.ac.uk", "Cora", "coordinator", "", "hash")
        with pytest.raises(AdviserError):
            add_adviser(s, "ada@example.ac.uk", "Ada again", "adviser", "northgate", "hash")
        with pytest.raises(AdviserError):
            add_adviser(s, "x@example.ac.uk", "X", "adviser", "", "hash")
        with pytest.raises(AdviserError):
            add_adviser(s, "x@example.ac.uk", "X", "boss", "northgate", "hash")
        ada = find_adviser(s, "ADA@example.ac.uk")
        assert ada is not None and ada.email == "ada@example.ac.uk"
        assert [a.email for a in list_advisers(s)] == ["cora@example.ac.uk", "ada@example.ac.uk"]
        assert {a.name for a in colleagues(s, "northgate")} == {"Ada", "Cora"}
        assert {a.name for a in colleagues(s, None)} == {"Cora"}
        disable_adviser(s, "ada@example.ac.uk")
        assert {a.name for a in colleagues(s, "northgate")} == {"Cora"}
        with pytest.raises(AdviserError):
            disable_adviser(s, "nobody@example.ac.uk")


def test_the_queue_visibility_and_the_audit_trail(engine: Engine) -> None:
    now = utcnow()
    with Session(engine, future=True) as s, s.begin():
        ada = add_adviser(s, "ada@example.ac.uk", "Ada", "adviser", "northgate", "h")
        cora = add_adviser(s, "cora@example.ac.uk", "Cora", "coordinator", "", "h")
        ours = create_enquiry(
            s, learner_name="Sam", institution_id="northgate", profile={"subject": "Nursing"},
            created_at=now - dt.timedelta(days=3),
        )  # fmt: skip
        theirs = create_enquiry(s, learner_name="Kim", institution_id="elsewhere")
        assert work.may_see(ada, ours) and not work.may_see(ada, theirs)
        assert work.may_see(cora, theirs)
        assert work.queue(s, ada, work.QueueFilter()) == [ours]
        assert work.queue(s, cora, work.QueueFilter()) == [ours, theirs]
        assert work.queue(s, cora, work.QueueFilter(oldest_first=False)) == [theirs, ours]
        assert work.queue(s, cora, work.QueueFilter(min_age_days=2)) == [ours]
        assert work.queue(s, cora, work.QueueFilter(subject="nurs")) == [ours]

        assert work.set_status(s, ours, "in_progress", ada) is True
        assert work.set_status(s, ours, "in_progress", ada) is False
        with pytest.raises(work.WorkError):
            work.set_status(s, ours, "lost", ada)
        assert work.assign(s, ours, ada.id, ada) is True
        assert work.assign(s, ours, cora.id, ada) is True
        with pytest.raises(work.WorkError):
            work.assign(s, theirs, ada.id, ada)  # Ada works elsewhere
        work.add_note(s, ours, "  rang, no answer  ", ada)
        with pytest.raises(work.WorkError):
            work.add_note(s, ours, " ", ada)
        assert work.count_by_status(s) == {"new": 1, "in_progress": 1, "contacted": 0, "closed": 0}
        assert work.institutions_seen(s) == ["elsewhere", "northgate"]
        reference = str(ours.reference)
    with Session(engine, future=True) as s:
        trail = s.execute(select(AuditEntry).order_by(AuditEntry.id)).scalars().all()
        assert [(a.action, a.old_value, a.new_value) for a in trail] == [
            ("status", "new", "in_progress"),
            ("assigned", "", "Ada"),
            ("assigned", "Ada", "Cora"),
            ("note", "", "rang, no answer"),
        ]
        loaded = work.get_enquiry(s, reference)
        assert loaded is not None and [n.body for n in loaded.notes] == ["rang, no answer"]


def test_subject_of_falls_back_to_the_routes_and_survives_bad_json() -> None:
    routes = '[{"steps": [{"subject": "Engineering"}]}]'
    assert work.subject_of(Enquiry(profile="{}", routes=routes)) == "Engineering"
    assert work.subject_of(Enquiry(profile="not json", routes="[1]")) == ""
    assert work.subject_of(Enquiry(profile='{"new_subject": "Nursing", "subject": "Art"}')) == (
        "Nursing"
    )


def test_the_console_migration_goes_down_and_up_again(engine: Engine) -> None:
    with Session(engine, future=True) as s, s.begin():
        create_enquiry(s, learner_name="Sam", institution_id="northgate")
    command.downgrade(alembic_config(engine, MIGRATIONS_DIR), "enquiries_0001")
    assert "adviser" not in inspect(engine).get_table_names()
    assert "institution_id" not in {c["name"] for c in inspect(engine).get_columns("enquiry")}
    upgrade(engine)
    with Session(engine, future=True) as s:
        assert s.execute(select(Enquiry.learner_name)).scalars().all() == ["Sam"]


def test_the_queue_is_paged_not_cut_short(engine: Engine) -> None:
    now = utcnow()
    with Session(engine, future=True) as s, s.begin():
        cora = add_adviser(s, "cora@example.ac.uk", "Cora", "coordinator", "", "h")
        made = [create_enquiry(s, learner_name=f"L{n}", institution_id="northgate",
                               profile={"subject": "Nursing" if n % 2 else "Plumbing"},
                               created_at=now - dt.timedelta(minutes=700 - n))
                for n in range(650)]  # fmt: skip
        assert len(work.queue(s, cora, work.QueueFilter())) == 650  # once cut at 500
        first = work.queue_page(s, cora, work.QueueFilter(), page=1, per_page=100)
        assert (first.total, first.pages, first.enquiries) == (650, 7, made[:100])
        last = work.queue_page(s, cora, work.QueueFilter(), page=7, per_page=100)
        assert last.enquiries == made[600:] and last.page == 7
        assert work.queue_page(s, cora, work.QueueFilter(), page=99).page == 7  # past the end
        newest = work.queue_page(s, cora, work.QueueFilter(oldest_first=False), per_page=3)
        assert newest.enquiries == made[:-4:-1]
        nursing = work.queue_page(s, cora, work.QueueFilter(subject="nurs"), page=4, per_page=100)
        assert nursing.total == 325 and nursing.pages == 4
        assert nursing.enquiries == made[601::2]
