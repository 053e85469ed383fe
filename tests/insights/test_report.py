"""The page's numbers: every count and rate under 5 suppressed, filters applied."""

from __future__ import annotations

import datetime as dt
from typing import List

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from insights import conversation as m
from insights.models import Weekly
from insights.report import SUPPRESSED, Filters, build, parts, rate, shown

WEEK = dt.date(2025, 12, 1)
TODAY = dt.date(2025, 12, 10)


def test_counts_and_rates_under_five_are_suppressed() -> None:
    assert [shown(n) for n in (0, 1, 4, 5, 12)] == [SUPPRESSED] * 3 + ["5", "12"]
    assert rate(4, 100) == SUPPRESSED
    assert rate(5, 4) == SUPPRESSED
    assert rate(5, 20) == "25%"


def test_a_single_suppressed_part_takes_the_next_smallest_with_it() -> None:
    assert parts([20, 3, 7, 9]) == ["20", SUPPRESSED, SUPPRESSED, "9"]
    assert parts([20, 3, 2]) == ["20", SUPPRESSED, SUPPRESSED]
    assert parts([20, 9]) == ["20", "9"]


def add(engine: Engine, rows: List[tuple]) -> None:
    with Session(engine, future=True) as session, session.begin():
        for institution, subject, level, measure, item, count in rows:
            session.add(Weekly(week_start=WEEK, institution=institution, subject=subject,
                               level=level, measure=measure, item=item, count=count))  # fmt: skip


def test_the_report_filters_and_suppresses(insights_engine: Engine) -> None:
    add(insights_engine, [
        ("Selby College", "Engineering", 3, m.CONVERSATIONS, "", 30),
        ("Selby College", "Engineering", 3, m.HANDOVER_REQUESTED, "", 6),
        ("Selby College", "Engineering", 3, m.RESOLVED_WITHOUT_STAFF, "", 3),
        ("Selby College", "Engineering", 3, m.WANTED_INTEREST, "robotics", 7),
        ("Selby College", "Engineering", 3, m.WANTED_INTEREST, "rare wish", 2),
        ("Selby College", "Engineering", 3, m.HANDOVER_REASON, "not understood", 4),
        ("Selby College", "Engineering", 3, m.HANDOVER_REASON, "asked for an adviser", 2),
        ("Wolds College", "Health", 2, m.CONVERSATIONS, "", 2),
    ])  # fmt: skip
    with Session(insights_engine, future=True) as session:
        everything = build(session, Filters(), TODAY)
        wolds = build(session, Filters(institution="Wolds College"), TODAY)
        later = build(session, Filters(since=dt.date(2025, 12, 8)), TODAY)
    assert everything.totals[m.CONVERSATIONS] == "32"
    assert everything.rates[m.HANDOVER_REQUESTED] == "19%"
    assert everything.totals[m.RESOLVED_WITHOUT_STAFF] == SUPPRESSED
    assert everything.rates[m.RESOLVED_WITHOUT_STAFF] == SUPPRESSED
    assert everything.phrases[m.WANTED_INTEREST] == [("robotics", "7")]  # "rare wish" hidden
    assert everything.reasons == [("not understood", SUPPRESSED),
                                  ("asked for an adviser", SUPPRESSED)]  # fmt: skip
    assert everything.on_courses == [("Engineering", ["<5", "30"], "30"),
                                     ("Health", ["<5", "<5"], "<5")]  # fmt: skip
    assert everything.institutions == ["Selby College", "Wolds College"]
    assert wolds.totals[m.CONVERSATIONS] == SUPPRESSED
    assert later.totals[m.CONVERSATIONS] == SUPPRESSED  # nothing after 8 December
    week = next(w for w in everything.weeks if w["monday"] == "2025-12-01")
    assert week["week"] == "2025-W49"
    assert week["conversations"] == 32 and week["resolved_rate"] is None
