"""The coordinators' insights page (``/advisers/insights``) and the job that feeds it.

The page shows the weekly aggregates of :mod:`insights.report`, every count under 5
suppressed, filtered by institution, subject and date range. Advisers get 403;
anyone not logged in goes to the login page. :func:`refresh_ctx` (a ``cleanup_ctx``)
runs the insights job (:func:`insights.job.refresh`) every
``INSIGHTS_REFRESH_MINUTES`` wherever the web front runs, off the event loop.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from typing import Any, AsyncIterator, Dict, Mapping, Optional

import aiohttp_jinja2
from aiohttp import web
from sqlalchemy.exc import SQLAlchemyError

from insights import conversation as measures
from insights.job import Conflict, refresh
from insights.report import Filters, build
from storage import make_engine, tracker_database_url
from web.auth import login_required, me_of
from web.context import page_context
from web.state import CONFIG, ENGINE, run_db

logger = logging.getLogger(__name__)

#: the longest filter value read
MAX_FILTER = 200


def _date(text: str) -> Optional[dt.date]:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise web.HTTPBadRequest(reason="Dates are written YYYY-MM-DD") from None


def filters_of(query: Mapping[str, str]) -> Filters:
    """The page's filters from its query string.

    Raises:
        web.HTTPBadRequest: for a date that is not ``YYYY-MM-DD``, or a range that ends
            before it starts.

    """
    since, until = _date(query.get("from", "")), _date(query.get("to", ""))
    if since and until and until < since:
        raise web.HTTPBadRequest(reason="The date range ends before it starts")
    return Filters(
        institution=query.get("institution", "")[:MAX_FILTER],
        subject=query.get("subject", "")[:MAX_FILTER],
        since=since,
        until=until,
    )


def charts_of(weeks: Any) -> Dict[str, Any]:
    """The trend charts' data (suppressed weeks are gaps)."""
    return {
        "labels": [w["week"] for w in weeks],
        "conversations": [w["conversations"] for w in weeks],
        "handover": [w["handover_rate"] for w in weeks],
        "resolved": [w["resolved_rate"] for w in weeks],
        "fallback": [w["fallback_rate"] for w in weeks],
    }


@login_required()
async def insights_page(request: web.Request) -> web.Response:
    """GET /advisers/insights: coordinators only."""
    me = await me_of(request)
    if not me.coordinator:
        raise web.HTTPForbidden(reason="Only a coordinator sees the insights")
    filters = filters_of(request.query)
    report = await run_db(request.app, lambda session: build(session, filters))
    last_day = filters.until or report.until + dt.timedelta(days=6)
    context = await page_context(
        request, report=report, m=measures, charts=charts_of(report.weeks),
        to_value=last_day.isoformat(),
    )  # fmt: skip
    return aiohttp_jinja2.render_template("console/insights.html", request, context)


def _run_job(app: web.Application, tracker: Any) -> None:
    try:
        done = refresh(tracker, app[ENGINE])
    except Conflict:
        logger.info("insights: another run was under way; this one gave up")
        return
    except SQLAlchemyError as error:
        logger.warning("insights refresh failed: %s", type(error).__name__)
        return
    logger.info("insights: read %d events in %.2f s", done.events, done.seconds)


async def refresh_ctx(app: web.Application) -> AsyncIterator[None]:
    """Run the insights job every ``insights_refresh_minutes`` while the app runs."""
    minutes = app[CONFIG].insights_refresh_minutes
    if minutes <= 0:
        yield
        return
    tracker = make_engine(app[CONFIG].tracker_url or tracker_database_url())
    loop = asyncio.get_running_loop()

    async def every() -> None:
        while True:
            await loop.run_in_executor(None, _run_job, app, tracker)
            await asyncio.sleep(minutes * 60)

    task = asyncio.create_task(every())
    yield
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        pass
    tracker.dispose()


def setup_routes(app: web.Application) -> None:
    """Add the insights page and its periodic job to ``app``."""
    app.router.add_get("/advisers/insights", insights_page, name="insights")
    app.cleanup_ctx.append(refresh_ctx)
