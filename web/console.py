"""The adviser console's handlers: login, the queue, one enquiry, working it, export.

Handlers are thin: they read the request, run :mod:`web.casework` in a worker thread
and render a template, mapping ``NotAllowed`` to 403, ``NotFound`` to 404 and bad input
to 400.
"""

from __future__ import annotations

import asyncio
from typing import Any, Awaitable, Callable, Mapping, Optional, Tuple, TypeVar

import aiohttp_jinja2
from aiohttp import web
from multidict import MultiDictProxy
from sqlalchemy.orm import Session

from enquiries import logins, work
from enquiries.advisers import find_adviser
from enquiries.models import Adviser, utcnow
from web import account, casework
from web.auth import (
    current_adviser,
    log_in,
    log_out,
    login_required,
    me_of,
    safe_next,
)
from web.casework import Me, me_from
from web.context import page_context as _context
from web.export import csv_response
from web.state import HASHER, LOGINS, run_blocking, run_db

T = TypeVar("T")

#: the queue's age filter: option value → days waited at least
AGES = {"1d": 1, "3d": 3, "7d": 7, "30d": 30}
LOGIN_FAILED = "Email or password not recognised."


async def _db(request: web.Request, work_fn: Callable[[Session], T]) -> T:
    """Run case work, mapping its errors to HTTP errors."""
    try:
        return await run_db(request.app, work_fn)
    except casework.NotFound:
        raise web.HTTPNotFound(reason="No such enquiry") from None
    except casework.NotAllowed:
        raise web.HTTPForbidden(reason="This enquiry belongs to another institution") from None


def page_number(text: str) -> int:
    """The queue page asked for (from 1; anything else is page 1)."""
    return int(text) if text.isdigit() and 0 < len(text) <= 6 and int(text) > 0 else 1


def queue_filter(query: Mapping[str, str], me: Me) -> work.QueueFilter:
    """The queue filter from the query string (unknown values are ignored)."""
    status: Optional[str] = query.get("status", "")
    if status not in (*work.STATUSES, "all"):
        status = None
    kind = query.get("kind", "")
    return work.QueueFilter(
        institution=(query.get("institution") or None) if me.coordinator else None,
        subject=query.get("subject", "")[:100],
        status=status,
        kind=kind if kind in work.KIND_LABELS else None,
        min_age_days=AGES.get(query.get("age", "")),
        oldest_first=query.get("sort", "oldest") != "newest",
    )


async def login_page(request: web.Request) -> web.Response:
    """GET /advisers/login."""
    if await current_adviser(request) is not None:
        raise web.HTTPFound(safe_next(request.query.get("next")))
    context = await _context(request, next=safe_next(request.query.get("next")), email="")
    return aiohttp_jinja2.render_template("console/login.html", request, context)


def _field(form: MultiDictProxy[Any], name: str, limit: int = 500) -> str:
    value = form.get(name, "")
    return value[:limit] if isinstance(value, str) else ""


async def login(request: web.Request) -> web.StreamResponse:
    """POST /advisers/login: check the password, then (only if wrong) back off.

    The right password always logs in, whatever failures came before, so nobody can
    lock an adviser out. Each wrong one for an account that has failed several
    times is answered only after a growing delay (:class:`web.security.LoginBackoff`).
    """
    form = await request.post()
    email, password = _field(form, "email", 300).strip(), _field(form, "password", 1000)
    target = safe_next(_field(form, "next"))
    adviser = await run_db(request.app, lambda s: _login_candidate(s, email))
    hasher = request.app[HASHER]
    stored = adviser[1] if adviser else None
    ok = await run_blocking(lambda: hasher.verify(stored, password))
    backoff = request.app[LOGINS]
    if not (ok and adviser):
        wait = backoff.failed(email)
        await run_db(request.app, lambda s: _record_failure(s, email))
        if wait:
            await asyncio.sleep(wait)
        context = await _context(request, next=target, email=email, error=LOGIN_FAILED)
        return aiohttp_jinja2.render_template("console/login.html", request, context, status=401)
    backoff.succeeded(email)
    me = adviser[0]
    await run_db(request.app, lambda s: _record_login(s, me.id))
    await log_in(request, me)
    raise web.HTTPSeeOther(target)


def _login_candidate(session: Session, email: str) -> Optional[Tuple[Me, str]]:
    """(adviser, password hash) of the active adviser with ``email``, or None."""
    found = find_adviser(session, email) if email else None
    if found is None or not found.active:
        return None
    return me_from(found), str(found.password_hash)


def _record_login(session: Session, adviser_id: int) -> None:
    adviser = session.get(Adviser, adviser_id)
    if adviser is not None:
        adviser.last_login_at = utcnow()
        logins.record(session, logins.LOGIN, adviser, adviser)


def _record_failure(session: Session, email: str) -> None:
    adviser = find_adviser(session, email) if email else None
    if adviser is not None:
        logins.record(session, logins.LOGIN_FAILED, adviser)


async def logout(request: web.Request) -> web.StreamResponse:
    """POST /advisers/logout: the session is deleted on the server."""
    me = await current_adviser(request)
    if me is not None:
        await run_db(request.app, lambda s: _record_logout(s, me.id))
    await log_out(request)
    raise web.HTTPSeeOther(
        request.app.router["login"].url_for().with_query(done="logged-out")
    )


def _record_logout(session: Session, adviser_id: int) -> None:
    adviser = session.get(Adviser, adviser_id)
    if adviser is not None:
        logins.record(session, logins.LOGOUT, adviser, adviser)


@login_required()
async def queue(request: web.Request) -> web.Response:
    """GET /advisers/: the enquiries waiting, oldest first, a page (``?page=``) at a time."""
    me = await me_of(request)
    wanted = queue_filter(request.query, me)
    page = page_number(request.query.get("page", ""))
    data = await _db(request, lambda s: casework.queue_rows(s, me, wanted, page))
    filters = {k: v for k, v in request.query.items() if k != "page"}
    export_url = request.app.router["export"].url_for().with_query(filters)
    here = request.app.router["queue"].url_for()
    pages = {n: str(here.with_query({**filters, "page": str(n)}))
             for n in (data["page"] - 1, data["page"] + 1) if 1 <= n <= data["pages"]}  # fmt: skip
    context = await _context(
        request,
        **data,
        query=request.query,
        statuses=work.STATUS_LABELS,
        kinds=work.KIND_LABELS,
        ages=AGES,
        export_url=str(export_url),
        previous_url=pages.get(data["page"] - 1),
        next_url=pages.get(data["page"] + 1),
    )
    return aiohttp_jinja2.render_template("console/queue.html", request, context)


@login_required()
async def detail(request: web.Request) -> web.Response:
    """GET /advisers/enquiries/{reference}."""
    me = await me_of(request)
    reference = request.match_info["reference"]
    enquiry = await _db(request, lambda s: casework.detail(s, me, reference))
    context = await _context(request, enquiry=enquiry, statuses=work.STATUS_LABELS)
    return aiohttp_jinja2.render_template("console/detail.html", request, context)


def _back(request: web.Request, done: str) -> web.HTTPSeeOther:
    url = request.app.router["detail"].url_for(reference=request.match_info["reference"])
    return web.HTTPSeeOther(url.with_query(done=done))


async def _change(
    request: web.Request, change: Callable[[Session], Optional[bool]], done: str
) -> web.StreamResponse:
    try:
        changed = await _db(request, change)
    except work.WorkError:
        # a fixed reason: the request's text never goes into the status line
        raise web.HTTPBadRequest(reason="That change is not possible") from None
    raise _back(request, done if changed is not False else "unchanged")


@login_required(page=False)
async def set_status(request: web.Request) -> web.StreamResponse:
    """POST /advisers/enquiries/{reference}/status."""
    me, reference = await me_of(request), request.match_info["reference"]
    status = _field(await request.post(), "status", 40)
    return await _change(
        request, lambda s: casework.change_status(s, me, reference, status), "status"
    )


@login_required(page=False)
async def assign(request: web.Request) -> web.StreamResponse:
    """POST /advisers/enquiries/{reference}/assign (``adviser_id``: an id or ``me``)."""
    me, reference = await me_of(request), request.match_info["reference"]
    value = _field(await request.post(), "adviser_id", 20)
    if value == "me":
        adviser_id = me.id
    elif value.isdigit():
        adviser_id = int(value)
    else:
        raise web.HTTPBadRequest(reason="Choose an adviser")
    return await _change(
        request, lambda s: casework.assign_to(s, me, reference, adviser_id), "assigned"
    )


@login_required(page=False)
async def add_note(request: web.Request) -> web.StreamResponse:
    """POST /advisers/enquiries/{reference}/notes."""
    me, reference = await me_of(request), request.match_info["reference"]
    body = _field(await request.post(), "body", work.MAX_NOTE_LENGTH + 1)
    return await _change(request, lambda s: casework.note(s, me, reference, body), "note")


@login_required(page=False)
async def export(request: web.Request) -> web.StreamResponse:
    """GET /advisers/export.csv: the filtered queue as CSV (401 without a login)."""
    me = await me_of(request)
    wanted = queue_filter(request.query, me)
    rows = await _db(request, lambda s: casework.export_rows(s, me, wanted))
    return csv_response(rows)


async def not_allowed_page(request: web.Request, exc: web.HTTPException) -> web.Response:
    """A console error page (403, 404, 400) in the console's layout."""
    context = await _context(request, status=exc.status, reason=exc.reason)
    response = aiohttp_jinja2.render_template(
        "console/error.html", request, context, status=exc.status
    )
    if "Retry-After" in exc.headers:
        response.headers["Retry-After"] = exc.headers["Retry-After"]
    return response


async def to_queue(request: web.Request) -> web.StreamResponse:
    """GET /advisers: the queue is at /advisers/."""
    raise web.HTTPFound("/advisers/")


def setup_routes(app: web.Application) -> None:
    """Add the console's routes under /advisers/."""
    app.router.add_get("/advisers/login", login_page, name="login")
    app.router.add_post("/advisers/login", login)
    app.router.add_post("/advisers/logout", logout, name="logout")
    app.router.add_get("/advisers/", queue, name="queue")
    app.router.add_get("/advisers", to_queue)
    app.router.add_get("/advisers/export.csv", export, name="export")
    app.router.add_get("/advisers/enquiries/{reference}", detail, name="detail")
    app.router.add_post("/advisers/enquiries/{reference}/status", set_status, name="status")
    app.router.add_post("/advisers/enquiries/{reference}/assign", assign, name="assign")
    app.router.add_post("/advisers/enquiries/{reference}/notes", add_note, name="notes")
    account.setup_routes(app)


def console_errors() -> Callable[..., Awaitable[web.StreamResponse]]:
    """A middleware that renders 400/403/404 on console pages in the console layout."""

    @web.middleware
    async def middleware(
        request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        try:
            return await handler(request)
        except web.HTTPException as exc:
            if request.path.startswith("/advisers/") and exc.status in (400, 403, 404, 429):
                return await not_allowed_page(request, exc)
            raise

    return middleware


__all__ = ["console_errors", "queue_filter", "setup_routes"]
