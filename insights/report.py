"""The insights page's numbers, read from the weekly aggregates, small counts suppressed.

As UK education statistics do, every count under :data:`THRESHOLD` is shown as
"<5", and so is any rate whose numerator or denominator is under it. A phrase (an
interest, a course the network lacks) is listed only when at least five
conversations used it. In a breakdown that adds up to a shown total, a single
suppressed part would be the total less the others: the next smallest part is
suppressed too.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Tuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from insights import conversation as m
from insights.models import Progress, Weekly

THRESHOLD = 5
SUPPRESSED = "<5"
#: how many weeks the page shows by default, and the most phrases per list
DEFAULT_WEEKS = 12
TOP_PHRASES = 15


def shown(count: int) -> str:
    """A count as the page shows it: ``"<5"`` under :data:`THRESHOLD`."""
    return SUPPRESSED if count < THRESHOLD else str(count)


def rate(numerator: int, denominator: int) -> str:
    """A percentage, suppressed when either count is under :data:`THRESHOLD`."""
    if numerator < THRESHOLD or denominator < THRESHOLD:
        return SUPPRESSED
    return f"{round(100 * numerator / denominator)}%"


def chart_value(count: int) -> Optional[int]:
    """A count for a chart: None (a gap) when suppressed."""
    return None if count < THRESHOLD else count


def chart_rate(numerator: int, denominator: int) -> Optional[float]:
    """A percentage for a chart: None when suppressed."""
    if numerator < THRESHOLD or denominator < THRESHOLD:
        return None
    return round(100 * numerator / denominator, 1)


def parts(counts: Sequence[int]) -> List[str]:
    """The parts of a shown total, with complementary suppression (module docstring)."""
    out = [shown(c) for c in counts]
    hidden = [i for i, c in enumerate(counts) if c < THRESHOLD]
    if len(hidden) == 1 and len(counts) > 1:
        others = sorted((c, i) for i, c in enumerate(counts) if i not in hidden)
        out[others[0][1]] = SUPPRESSED
    return out


@dataclass(frozen=True)
class Filters:
    """What the coordinator narrowed the page to (empty: everything)."""

    institution: str = ""
    subject: str = ""
    since: Optional[dt.date] = None
    until: Optional[dt.date] = None

    def window(self, today: dt.date) -> Tuple[dt.date, dt.date]:
        """The Mondays of the first and last weeks shown (default: the last 12 weeks)."""
        until = self.until or today
        since = self.since or until - dt.timedelta(weeks=DEFAULT_WEEKS - 1)
        return m.week_of_date(since), m.week_of_date(until)


@dataclass
class Report:
    """Everything the page shows, suppressed (counts as strings)."""

    filters: Filters
    since: dt.date
    until: dt.date
    institutions: List[str]
    subjects: List[str]
    totals: Dict[str, str] = field(default_factory=dict)
    rates: Dict[str, str] = field(default_factory=dict)
    #: subject x level: rows of (subject, [count per level], total)
    levels: List[int] = field(default_factory=list)
    on_courses: List[Tuple[str, List[str], str]] = field(default_factory=list)
    phrases: Dict[str, List[Tuple[str, str]]] = field(default_factory=dict)
    reasons: List[Tuple[str, str]] = field(default_factory=list)
    ratings: List[Tuple[str, str]] = field(default_factory=list)
    weeks: List[Dict[str, Any]] = field(default_factory=list)
    refreshed_at: Optional[dt.datetime] = None


def _choices(session: Session) -> Tuple[List[str], List[str]]:
    institutions = session.execute(
        select(Weekly.institution).distinct().where(Weekly.institution != "")
    ).scalars()
    subjects = session.execute(
        select(Weekly.subject).distinct().where(Weekly.subject != "")
    ).scalars()
    return sorted(institutions), sorted(subjects)


def build(session: Session, filters: Filters, today: Optional[dt.date] = None) -> Report:
    """The page's numbers for ``filters`` (see the module docstring)."""
    since, until = filters.window(today or dt.datetime.now(dt.timezone.utc).date())
    query = select(Weekly).where(Weekly.week_start >= since, Weekly.week_start <= until)
    if filters.institution:
        query = query.where(Weekly.institution == filters.institution)
    if filters.subject:
        query = query.where(Weekly.subject == filters.subject)
    totals: Counter = Counter()
    items: Dict[str, Counter] = defaultdict(Counter)
    weekly: Dict[dt.date, Counter] = defaultdict(Counter)
    grid: Dict[Tuple[str, int], int] = Counter()
    for row in session.execute(query).scalars():
        if row.item:
            items[row.measure][row.item] += row.count
        else:
            totals[row.measure] += row.count
            weekly[row.week_start][row.measure] += row.count
        if row.measure == m.CONVERSATIONS and row.subject:
            grid[(row.subject, row.level)] += row.count
    institutions, subjects = _choices(session)
    report = Report(filters, since, until, institutions, subjects)
    conversations = totals[m.CONVERSATIONS]
    report.totals = {key: shown(totals[key]) for key in (
        m.CONVERSATIONS, m.COURSE_KNOWN, m.NO_ROUTE, m.HANDOVER_REQUESTED, m.HANDOVER_MADE,
        m.ANSWERED, m.RESOLVED_WITHOUT_STAFF, m.FALLBACK_REPLIES, m.FALLBACK_CONVERSATIONS,
        m.ENDED_AFTER_FALLBACK, m.RATING_COMMENT)}  # fmt: skip
    report.rates = {
        m.HANDOVER_REQUESTED: rate(totals[m.HANDOVER_REQUESTED], conversations),
        m.RESOLVED_WITHOUT_STAFF: rate(totals[m.RESOLVED_WITHOUT_STAFF], conversations),
        m.FALLBACK_CONVERSATIONS: rate(totals[m.FALLBACK_CONVERSATIONS], conversations),
        m.ENDED_AFTER_FALLBACK: rate(totals[m.ENDED_AFTER_FALLBACK], conversations),
        m.NO_ROUTE: rate(totals[m.NO_ROUTE], conversations),
    }
    up, down = totals[m.RATING_UP], totals[m.RATING_DOWN]
    # both parts shown, or the share would give the hidden one away
    report.rates["rating_up_share"] = rate(up, up + down) if min(up, down) >= THRESHOLD else (
        SUPPRESSED
    )
    _grid(report, grid)
    for measure in (m.WANTED_INTEREST, m.WANTED_TARGET, m.UNMET_INTEREST, m.UNMET_TARGET,
                    m.UNMET_COURSE):  # fmt: skip
        common = [(p, n) for p, n in items[measure].most_common() if n >= THRESHOLD]
        report.phrases[measure] = [(p, str(n)) for p, n in common[:TOP_PHRASES]]
    reasons = sorted(items[m.HANDOVER_REASON].items(), key=lambda kv: (-kv[1], kv[0]))
    names = [r for r, _ in reasons]
    report.reasons = list(zip(names, parts([n for _, n in reasons]), strict=True))
    report.ratings = list(zip(["up", "down"], parts([up, down]), strict=True))
    report.weeks = [_week(week, weekly[week]) for week in _mondays(since, until)]
    report.refreshed_at = _refreshed(session)
    return report


def _grid(report: Report, grid: Dict[Tuple[str, int], int]) -> None:
    report.levels = sorted({level for _, level in grid})
    for subject in sorted({s for s, _ in grid}):
        row = [grid.get((subject, level), 0) for level in report.levels]
        report.on_courses.append((subject, [shown(n) for n in row], shown(sum(row))))


def _mondays(since: dt.date, until: dt.date) -> List[dt.date]:
    out, week = [], since
    while week <= until:
        out.append(week)
        week += dt.timedelta(weeks=1)
    return out


def _week(week: dt.date, counts: Counter) -> Dict[str, Any]:
    """One week of the trend charts and their table (suppressed)."""
    n = counts[m.CONVERSATIONS]
    year, number, _ = week.isocalendar()
    return {
        "week": f"{year}-W{number:02d}", "monday": week.isoformat(),
        "conversations": chart_value(n), "conversations_shown": shown(n),
        "handover_rate": chart_rate(counts[m.HANDOVER_REQUESTED], n),
        "handover_shown": rate(counts[m.HANDOVER_REQUESTED], n),
        "resolved_rate": chart_rate(counts[m.RESOLVED_WITHOUT_STAFF], n),
        "resolved_shown": rate(counts[m.RESOLVED_WITHOUT_STAFF], n),
        "fallback_rate": chart_rate(counts[m.FALLBACK_CONVERSATIONS], n),
        "fallback_shown": rate(counts[m.FALLBACK_CONVERSATIONS], n),
    }  # fmt: skip


def _refreshed(session: Session) -> Optional[dt.datetime]:
    stamp = session.execute(select(Progress.refreshed_at)).scalars().first()
    if stamp is None:
        return None
    return dt.datetime.fromtimestamp(stamp, dt.timezone.utc).replace(tzinfo=None)
