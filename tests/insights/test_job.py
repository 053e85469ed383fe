"""The incremental job: nothing counted twice, new events picked up, conversations that go on."""

from __future__ import annotations

import datetime as dt
import time
from typing import Dict, Tuple

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from insights import conversation as m
from insights.job import RETIRE_AFTER_S, refresh
from insights.models import OpenConversation, Weekly
from storage import make_engine
from tests.insights.conftest import MONDAY, Tracker, action, bot, course, slot, start, user

NOW = MONDAY + 3600


def counts(engine: Engine) -> Dict[Tuple[str, str], int]:
    """Every aggregate, summed over weeks, institutions, subjects and levels."""
    out: Dict[Tuple[str, str], int] = {}
    with Session(engine, future=True) as session:
        for row in session.execute(select(Weekly)).scalars():
            out[(row.measure, row.item)] = out.get((row.measure, row.item), 0) + row.count
    return out


def routes_conversation() -> list:
    return [*start(), user("I'm on the level 3 engineering diploma"), action("action_respond"),
            bot("routes_intro"), bot("route_summary"), *course(),
            slot("interests", "robotics; marine biology"), action("action_listen")]  # fmt: skip


def test_running_twice_counts_nothing_twice(tracker: Tracker, insights_engine: Engine) -> None:
    tracker.add("rest:a", routes_conversation())
    first = refresh(tracker.engine, insights_engine, now=NOW)
    assert first.events == len(routes_conversation())
    before = counts(insights_engine)
    assert before[(m.CONVERSATIONS, "")] == 1
    assert before[(m.RESOLVED_WITHOUT_STAFF, "")] == 1
    assert before[(m.WANTED_INTEREST, "robotics")] == 1
    again = refresh(tracker.engine, insights_engine, now=NOW)
    assert again.events == 0
    assert counts(insights_engine) == before


def test_new_events_and_new_conversations_are_picked_up(
    tracker: Tracker, insights_engine: Engine
) -> None:
    tracker.add("rest:a", routes_conversation())
    refresh(tracker.engine, insights_engine, now=NOW)
    tracker.add("rest:b", routes_conversation(), at=MONDAY + 60)
    refresh(tracker.engine, insights_engine, now=NOW)
    assert counts(insights_engine)[(m.CONVERSATIONS, "")] == 2


def test_a_conversation_that_goes_on_is_counted_once_with_what_it_came_to(
    tracker: Tracker, insights_engine: Engine
) -> None:
    tracker.add("rest:a", routes_conversation())
    refresh(tracker.engine, insights_engine, now=NOW)
    # it goes on: a question not understood, then a hand-over that is made
    tracker.add("rest:a", [user("blah"), action("action_respond"), bot("clarify"),
                           action("action_listen"), user("talk to a person"),
                           action("handover_form"), {"event": "active_loop",
                           "name": "handover_form"}, bot("enquiry_submitted"),
                           slot("enquiry_reference", "PW-ABCDE2")], at=MONDAY + 100)  # fmt: skip
    refresh(tracker.engine, insights_engine, now=NOW)
    found = counts(insights_engine)
    assert found[(m.CONVERSATIONS, "")] == 1
    assert found[(m.HANDOVER_REQUESTED, "")] == 1
    assert found[(m.HANDOVER_MADE, "")] == 1
    assert found[(m.HANDOVER_REASON, "not understood")] == 1
    assert found[(m.FALLBACK_REPLIES, "")] == 1
    assert (m.RESOLVED_WITHOUT_STAFF, "") not in found  # it needed an adviser after all
    assert (m.ENDED_AFTER_FALLBACK, "") not in found


def test_a_new_session_is_a_new_conversation(tracker: Tracker, insights_engine: Engine) -> None:
    tracker.add("rest:a", routes_conversation())
    refresh(tracker.engine, insights_engine, now=NOW)
    tracker.add("rest:a", [*start(), *course(), user("hi again"), action("action_respond"),
                           bot("clarify")], at=MONDAY + 7200)  # fmt: skip
    refresh(tracker.engine, insights_engine, now=NOW + 7200)
    found = counts(insights_engine)
    assert found[(m.CONVERSATIONS, "")] == 2
    assert found[(m.ENDED_AFTER_FALLBACK, "")] == 1


def test_weeks_institutions_subjects_and_levels_are_kept_apart(
    tracker: Tracker, insights_engine: Engine
) -> None:
    tracker.add("rest:a", routes_conversation())
    tracker.add("rest:b", [*start(), user(), *course("Wolds College", "Health", 2.0)],
                at=MONDAY + 7 * 86400)  # fmt: skip
    refresh(tracker.engine, insights_engine, now=MONDAY + 8 * 86400)
    with Session(insights_engine, future=True) as session:
        rows = session.execute(
            select(Weekly).where(Weekly.measure == m.CONVERSATIONS).order_by(Weekly.week_start)
        ).scalars().all()
    assert [(r.week_start, r.institution, r.subject, r.level) for r in rows] == [
        (dt.date(2025, 12, 1), "Selby College", "Engineering", 3),
        (dt.date(2025, 12, 8), "Wolds College", "Health", 2),
    ]


def test_conversations_without_a_learner_message_are_not_counted(
    tracker: Tracker, insights_engine: Engine
) -> None:
    tracker.add("rest:a", start())
    refresh(tracker.engine, insights_engine, now=NOW)
    assert counts(insights_engine) == {}


def test_small_batches_give_the_same_counts(tracker: Tracker, insights_engine: Engine,
                                           tmp_path: object) -> None:  # fmt: skip
    for n in range(7):
        tracker.add(f"rest:{n}", routes_conversation(), at=MONDAY + n)
    refresh(tracker.engine, insights_engine, now=NOW, batch=3)
    assert counts(insights_engine)[(m.CONVERSATIONS, "")] == 7
    assert counts(insights_engine)[(m.WANTED_INTEREST, "marine biology")] == 7


def test_quiet_conversations_are_retired_and_late_events_not_read(
    tracker: Tracker, insights_engine: Engine
) -> None:
    tracker.add("rest:a", routes_conversation())
    refresh(tracker.engine, insights_engine, now=NOW)
    later = NOW + RETIRE_AFTER_S + 60
    assert refresh(tracker.engine, insights_engine, now=later).retired == 1
    with Session(insights_engine, future=True) as session:
        assert session.execute(select(OpenConversation)).first() is None
    tracker.add("rest:a", [slot("rating", {"value": "up", "comment": ""})], at=later)
    refresh(tracker.engine, insights_engine, now=later)
    found = counts(insights_engine)
    assert found[(m.CONVERSATIONS, "")] == 1
    assert (m.RATING_UP, "") not in found


def test_a_tracker_store_not_created_yet_is_no_error(insights_engine: Engine,
                                                     tmp_path: object) -> None:  # fmt: skip
    empty = make_engine("sqlite://")
    assert refresh(empty, insights_engine).events == 0


@pytest.mark.parametrize("n", [2000])
def test_job_time(tracker: Tracker, insights_engine: Engine, n: int) -> None:
    """The job reads a few thousand events in seconds (the number is in docs/console.md)."""
    per = len(routes_conversation())
    for i in range(n // per):
        tracker.add(f"rest:{i}", routes_conversation(), at=MONDAY + i)
    began = time.perf_counter()
    done = refresh(tracker.engine, insights_engine, now=NOW)
    took = time.perf_counter() - began
    assert done.events == (n // per) * per
    assert counts(insights_engine)[(m.CONVERSATIONS, "")] == n // per
    print(f"\n{done.events} events, {done.conversations} conversations in {took:.2f} s")
    assert took < 60
