"""The application factory: ``create_app(config)`` (aiohttp-demos style).

Resources open and close in :func:`database_ctx` (a ``cleanup_ctx``); shared state
lives under the typed keys of :mod:`web.state`.
"""

from __future__ import annotations

from pathlib import Path
from typing import AsyncIterator

import aiohttp_jinja2
import jinja2
from aiohttp import web
from aiohttp_session import session_middleware

from access.limits import moving_window
from storage import make_engine
from web import api, catalogue_admin, console, gaps, insights, pages
from web.config import WebConfig
from web.metrics import Metrics
from web.middlewares import (
    csrf_middleware,
    error_middleware,
    headers_middleware,
    metrics_middleware,
    rate_limit_middleware,
)
from web.security import ClientLimit, LoginBackoff, PasswordHasher
from web.sessions import DatabaseStorage
from web.state import CONFIG, ENGINE, HASHER, LOGINS, METRICS, PUBLIC_LIMIT

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
SESSION_COOKIE = "pathways_console"


async def database_ctx(app: web.Application) -> AsyncIterator[None]:
    """Open the database engine for the life of the app, and dispose of it after."""
    engine = make_engine(app[CONFIG].database_url)
    app[ENGINE] = engine
    yield
    engine.dispose()


def _filters(env: jinja2.Environment) -> None:
    env.filters["when"] = lambda value: value.strftime("%d %b %Y %H:%M") if value else ""
    env.filters["label"] = lambda value: str(value).replace("_", " ").capitalize()


def create_app(config: WebConfig) -> web.Application:
    """Build the web application (no I/O until it starts)."""
    storage = DatabaseStorage(
        config.secret_key,
        cookie_name=SESSION_COOKIE,
        max_age=config.session_max_age,
        path="/advisers/",
        secure=config.secure_cookies,
        httponly=True,
        samesite="Lax",
    )
    app = web.Application(
        middlewares=[
            metrics_middleware,
            headers_middleware,
            error_middleware,
            rate_limit_middleware,
            session_middleware(storage),
            console.console_errors(),
            csrf_middleware,
        ],
        client_max_size=64 * 1024,
    )
    app[CONFIG] = config
    app[METRICS] = Metrics()
    limiter = moving_window(config.rate_limit_storage)
    app[PUBLIC_LIMIT] = ClientLimit(config.rate_per_second, config.rate_burst, limiter)
    app[LOGINS] = LoginBackoff(
        after=config.login_backoff_after,
        first=config.login_backoff_seconds,
        longest=config.login_backoff_max_seconds,
    )
    app[HASHER] = PasswordHasher()
    app.cleanup_ctx.append(database_ctx)
    env = aiohttp_jinja2.setup(
        app,
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
    )
    _filters(env)
    pages.setup_routes(app)
    console.setup_routes(app)
    gaps.setup_routes(app)
    catalogue_admin.setup_routes(app)
    insights.setup_routes(app)
    api.setup_routes(app)
    app.router.add_static("/static/", STATIC, name="static", follow_symlinks=False)
    return app
