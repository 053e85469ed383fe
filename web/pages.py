"""The public pages: the college page with the chat widget, /health and /metrics."""

from __future__ import annotations

import logging

import aiohttp_jinja2
from aiohttp import web
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from access import tokens
from enquiries.work import count_by_status
from web.metrics import CONTENT_TYPE
from web.middlewares import is_local
from web.state import CONFIG, METRICS, run_db

logger = logging.getLogger(__name__)

WIDGET_JS = "/static/widget/pathways-widget.js"
WIDGET_CSS = "/static/widget/pathways-widget.css"


async def college(request: web.Request) -> web.Response:
    """GET /: the college page that embeds the chat widget."""
    context = {
        "rasa_url": request.app[CONFIG].rasa_url,
        "widget_js": WIDGET_JS,
        "widget_css": WIDGET_CSS,
    }
    return aiohttp_jinja2.render_template("college.html", request, context)


async def health(request: web.Request) -> web.Response:
    """GET /health: 200 when the database answers, else 503."""
    try:
        await run_db(request.app, lambda s: s.execute(text("SELECT 1")).scalar_one())
    except SQLAlchemyError:
        logger.warning("health check: the database did not answer")
        return web.json_response({"status": "unavailable", "database": "unreachable"}, status=503)
    return web.json_response({"status": "ok", "database": "ok"})


async def metrics(request: web.Request) -> web.Response:
    """GET /metrics: request counts and latency by route, enquiries by status.

    Only for a local client (loopback, not forwarded by a proxy) or with ``Authorization:
    Bearer <METRICS_TOKEN>``: 401 with a wrong or missing token, else 403.
    """
    config = request.app[CONFIG]
    given = tokens.bearer(request.headers.get("Authorization"))
    if not tokens.matches(config.metrics_token, given):
        if given is not None or (config.metrics_token and not is_local(request)):
            raise web.HTTPUnauthorized(reason="Metrics need a token",
                                       headers={"WWW-Authenticate": "Bearer"})  # fmt: skip
        if not is_local(request):
            raise web.HTTPForbidden(reason="Metrics are for local clients or with a token")
    registry = request.app[METRICS]
    if registry.enquiry_counts_stale():
        try:
            registry.set_enquiry_counts(await run_db(request.app, count_by_status))
        except SQLAlchemyError:
            logger.warning("metrics: the enquiry counts could not be read")
    return web.Response(body=registry.render(), headers={"Content-Type": CONTENT_TYPE})


def setup_routes(app: web.Application) -> None:
    """Add /, /health and /metrics."""
    app.router.add_get("/", college, name="college")
    app.router.add_get("/health", health, name="health")
    app.router.add_get("/metrics", metrics, name="metrics")
