"""Who is logged in: the session (held on the server), the CSRF token, the login guard.

Sessions live in the database (:mod:`web.sessions`); the cookie is a random token.
"""

from __future__ import annotations

import functools
import posixpath
from typing import Awaitable, Callable, Optional
from urllib.parse import quote, unquote, urlsplit

from aiohttp import web
from aiohttp_session import STORAGE_KEY, get_session, new_session

from web.casework import Me, active_adviser
from web.security import new_csrf_token
from web.sessions import DatabaseStorage
from web.state import run_db

SESSION_ADVISER = "adviser_id"
SESSION_CSRF = "csrf"
LOGIN_PATH = "/advisers/login"
HOME_PATH = "/advisers/"
_ME = "pathways.me"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


async def csrf_token(request: web.Request) -> str:
    """The session's CSRF token, created on first use."""
    session = await get_session(request)
    token = session.get(SESSION_CSRF)
    if not token:
        token = new_csrf_token()
        session[SESSION_CSRF] = token
    return str(token)


async def current_adviser(request: web.Request) -> Optional[Me]:
    """The logged-in, still active adviser, or None (looked up once per request)."""
    if _ME in request:
        found: Optional[Me] = request[_ME]
        return found
    session = await get_session(request)
    adviser_id = session.get(SESSION_ADVISER)
    me = None
    if isinstance(adviser_id, int):
        me = await run_db(request.app, lambda s: active_adviser(s, adviser_id))
    request[_ME] = me
    return me


async def log_in(request: web.Request, me: Me) -> None:
    """Start a fresh session for ``me`` (a new cookie and a new CSRF token).

    The visitor's session (the login form's) is deleted first: a session id planted
    before login is never the logged-in one.
    """
    old = await get_session(request)
    storage = request.get(STORAGE_KEY)
    if isinstance(storage, DatabaseStorage):
        await storage.end(request, old)
    session = await new_session(request)
    session[SESSION_ADVISER] = me.id
    session[SESSION_CSRF] = new_csrf_token()
    request[_ME] = me


async def log_out(request: web.Request) -> None:
    """End the session: its row is deleted, so a copy of the cookie stops working too."""
    session = await get_session(request)
    session.invalidate()
    request[_ME] = None


def safe_next(target: Optional[str]) -> str:
    """Where to go after logging in: a path of this site under the console, else the queue.

    The target is percent-decoded and normalised (``.``, ``..``, repeated slashes)
    before it is checked, and the normalised path is what is returned, so
    ``/advisers/..//evil.example``, ``/advisers/%2e%2e/x``, backslashes, a scheme or a
    host never survive. The login page itself is not a target.
    """
    if not target or len(target) > 2000:
        return HOME_PATH
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return HOME_PATH
    path = unquote(parts.path)
    if "\\" in path or "\\" in target or any(ord(c) < 32 or ord(c) == 127 for c in path):
        return HOME_PATH
    normal = posixpath.normpath(path)
    if path.endswith("/") and not normal.endswith("/"):
        normal += "/"
    if normal.startswith("//") or not (normal + "/").startswith(HOME_PATH):
        return HOME_PATH
    if normal.rstrip("/") in (LOGIN_PATH, HOME_PATH.rstrip("/")) and normal != HOME_PATH:
        return HOME_PATH
    if normal.startswith(LOGIN_PATH):
        return HOME_PATH
    query = f"?{parts.query}" if parts.query else ""
    return quote(normal, safe="/-._~") + query


def login_required(page: bool = True) -> Callable[[Handler], Handler]:
    """Guard a handler: pages redirect to the login page, data (CSV, JSON) answers 401."""

    def wrap(handler: Handler) -> Handler:
        @functools.wraps(handler)
        async def guarded(request: web.Request) -> web.StreamResponse:
            if await current_adviser(request) is None:
                if page and request.method == "GET":
                    location = request.app.router["login"].url_for().with_query(
                        next=request.path_qs
                    )
                    raise web.HTTPFound(location)
                raise web.HTTPUnauthorized(reason="Log in first")
            return await handler(request)

        return guarded

    return wrap


async def me_of(request: web.Request) -> Me:
    """The logged-in adviser of a guarded handler."""
    me = await current_adviser(request)
    if me is None:
        raise web.HTTPUnauthorized(reason="Log in first")
    return me
