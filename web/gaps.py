"""The console's gaps page: where the network's progression routes are missing.

``GET /advisers/gaps`` shows each kind of gap (:mod:`pathways_catalogue.gaps`) as a
table with its count, and the network as a picture (:mod:`web.network_picture`);
``GET /advisers/gaps.csv`` exports every gap as CSV. Coordinators only: an adviser
gets 403. The network is ``?network=``, else ``PATHWAYS_NETWORK``, else the only
one imported; with several and none chosen the page lists them to choose from.
"""

from __future__ import annotations

from typing import Any, Dict, Optional

import aiohttp_jinja2
from aiohttp import web
from markupsafe import Markup
from sqlalchemy.orm import Session

from pathways_catalogue.gaps import (
    KINDS,
    ROW_COLUMNS,
    GapsReport,
    gaps_report,
    network_map,
    network_slugs,
)
from pathways_catalogue.queries import CatalogueError
from web.auth import login_required, me_of
from web.context import page_context
from web.export import csv_response
from web.network_picture import network_svg
from web.state import CONFIG, run_db

#: longest network id taken from the query string
MAX_SLUG = 100


async def _coordinator(request: web.Request) -> None:
    if not (await me_of(request)).coordinator:
        raise web.HTTPForbidden(reason="Only a coordinator sees the network's gaps")


def _wanted(request: web.Request) -> Optional[str]:
    """The network asked for (``?network=``), else the configured one, else None."""
    slug = request.query.get("network", "").strip()[:MAX_SLUG]
    return slug or request.app[CONFIG].network


def _page_data(session: Session, slug: Optional[str]) -> Dict[str, Any]:
    """The report and picture of network ``slug``, or the networks to choose from."""
    networks = network_slugs(session)
    if slug is None and len(networks) != 1:
        return {"report": None, "networks": networks}
    report = gaps_report(session, slug)
    return {"report": report, "networks": networks, "svg": network_svg(network_map(session, slug))}


@login_required()
async def gaps_page(request: web.Request) -> web.Response:
    """GET /advisers/gaps: the gaps of one network, as tables and a picture."""
    await _coordinator(request)
    slug = _wanted(request)
    try:
        data = await run_db(request.app, lambda s: _page_data(s, slug))
    except CatalogueError:
        raise web.HTTPNotFound(reason="No such network") from None
    report: Optional[GapsReport] = data["report"]
    csv_url = None
    if report is not None:
        url = request.app.router["gaps_csv"].url_for().with_query(network=report.network)
        csv_url = str(url)
        # built from escaped text by web.network_picture; never from the request
        data["svg"] = Markup(data["svg"])
    context = await page_context(request, **data, kinds=KINDS, csv_url=csv_url)
    return aiohttp_jinja2.render_template("console/gaps.html", request, context)


@login_required(page=False)
async def gaps_csv(request: web.Request) -> web.StreamResponse:
    """GET /advisers/gaps.csv: every gap of the network, one row each."""
    await _coordinator(request)
    slug = _wanted(request)
    try:
        report = await run_db(request.app, lambda s: gaps_report(s, slug))
    except CatalogueError:
        raise web.HTTPNotFound(reason="No such network, or several: choose one") from None
    return csv_response(report.rows(), ROW_COLUMNS, filename=f"gaps-{report.network}.csv")


def setup_routes(app: web.Application) -> None:
    """Add the gaps page and its CSV export."""
    app.router.add_get("/advisers/gaps", gaps_page, name="gaps")
    app.router.add_get("/advisers/gaps.csv", gaps_csv, name="gaps_csv")


__all__ = ["setup_routes"]
