"""Console accounts: changing one's password; a coordinator's team page (reset, disable).

Every change ends the sessions it must (:mod:`enquiries.logins`) and is written to
the audit trail. The forms carry the CSRF token like every other console form.
"""

from __future__ import annotations

import secrets
from dataclasses import asdict
from typing import Any, Dict, List, Optional

import aiohttp_jinja2
from aiohttp import web
from sqlalchemy import select
from sqlalchemy.orm import Session

from enquiries import logins
from enquiries.advisers import AdviserError, disable_adviser
from enquiries.models import Adviser
from pathways_catalogue.queries import institution_names
from web.auth import log_in, login_required, me_of
from web.casework import Me, me_from
from web.context import page_context
from web.security import MIN_PASSWORD
from web.state import HASHER, run_blocking, run_db

#: why a new password is refused (fixed texts)
WRONG_CURRENT = "Your current password is not right."
TOO_SHORT = f"A new password has at least {MIN_PASSWORD} characters."
NOT_SAME = "The two new passwords differ."


def _text(form: Any, name: str, limit: int = 1000) -> str:
    value = form.get(name, "")
    return value[:limit] if isinstance(value, str) else ""


def password_problem(new: str, again: str) -> Optional[str]:
    """Why ``new`` cannot be a password (or None)."""
    if len(new) < MIN_PASSWORD:
        return TOO_SHORT
    if new != again:
        return NOT_SAME
    return None


@login_required()
async def password_page(request: web.Request) -> web.Response:
    """GET /advisers/account/password."""
    context = await page_context(request)
    return aiohttp_jinja2.render_template("console/password.html", request, context)


def _hash_of(session: Session, adviser_id: int) -> str:
    adviser = session.get(Adviser, adviser_id)
    return str(adviser.password_hash) if adviser is not None else ""


def _change(session: Session, adviser_id: int, new_hash: str) -> None:
    adviser = session.get(Adviser, adviser_id)
    if adviser is not None:
        logins.set_password(session, adviser, new_hash, actor=adviser)


@login_required(page=False)
async def change_password(request: web.Request) -> web.StreamResponse:
    """POST /advisers/account/password: current password required; every session ends.

    The adviser then gets a fresh session here; copies of the old cookie (and any
    other browser) are logged out.
    """
    me = await me_of(request)
    form = await request.post()
    current, new, again = _text(form, "current"), _text(form, "new"), _text(form, "again")
    hasher = request.app[HASHER]
    stored = await run_db(request.app, lambda s: _hash_of(s, me.id))
    problem = None
    if not await run_blocking(lambda: hasher.verify(stored or None, current)):
        problem = WRONG_CURRENT
    problem = problem or password_problem(new, again)
    if problem:
        context = await page_context(request, error=problem)
        return aiohttp_jinja2.render_template(
            "console/password.html", request, context, status=400
        )
    new_hash = await run_blocking(lambda: hasher.hash(new))
    await run_db(request.app, lambda s: _change(s, me.id, new_hash))
    await log_in(request, me)
    raise web.HTTPSeeOther("/advisers/account/password?done=password-changed")


def _coordinator(me: Me) -> None:
    if not me.coordinator:
        raise web.HTTPForbidden(reason="Only a coordinator manages accounts")


def team_rows(session: Session) -> Dict[str, Any]:
    """The team page's data: every adviser, and the latest account events."""
    advisers = session.execute(
        select(Adviser).order_by(Adviser.institution_id, Adviser.email)
    ).scalars()
    found = list(advisers)
    names = institution_names(session, [str(a.institution_id) for a in found])
    rows: List[Dict[str, Any]] = [
        {**asdict(me_from(a)), "active": bool(a.active), "last_login_at": a.last_login_at,
         "sessions": logins.sessions_of(session, int(a.id)),
         "institution": names.get(str(a.institution_id or ""), a.institution_id or "")}
        for a in found
    ]  # fmt: skip
    events = [
        {"at": e.at, "action": e.action, "detail": e.new_value,
         "who": e.subject.email if e.subject is not None else "",
         "by": e.adviser.name if e.adviser is not None else "system"}
        for e in logins.account_events(session)
    ]  # fmt: skip
    return {"advisers": rows, "events": events}


@login_required()
async def team(request: web.Request) -> web.Response:
    """GET /advisers/team: coordinators only."""
    me = await me_of(request)
    _coordinator(me)
    data = await run_db(request.app, team_rows)
    context = await page_context(request, **data)
    return aiohttp_jinja2.render_template("console/team.html", request, context)


def _target(session: Session, me: Me, adviser_id: int) -> Adviser:
    adviser = session.get(Adviser, adviser_id)
    if adviser is None:
        raise web.HTTPNotFound(reason="No such adviser")
    if adviser.id == me.id:
        raise web.HTTPBadRequest(reason="Change your own password on the password page")
    return adviser


def _reset(session: Session, me: Me, adviser_id: int, new_hash: str) -> str:
    adviser = _target(session, me, adviser_id)
    logins.set_password(session, adviser, new_hash, actor=session.get(Adviser, me.id))
    return str(adviser.email)


def _adviser_id(request: web.Request) -> int:
    value = request.match_info["adviser_id"]
    if not value.isdigit() or len(value) > 9:
        raise web.HTTPNotFound(reason="No such adviser")
    return int(value)


@login_required(page=False)
async def reset_password(request: web.Request) -> web.Response:
    """POST /advisers/team/{adviser_id}/password: a new one-off password, shown once.

    The adviser's sessions all end; they log in with it and change it.
    """
    me = await me_of(request)
    _coordinator(me)
    adviser_id = _adviser_id(request)
    temporary = secrets.token_urlsafe(12)
    new_hash = await run_blocking(lambda: request.app[HASHER].hash(temporary))
    email = await run_db(request.app, lambda s: _reset(s, me, adviser_id, new_hash))
    context = await page_context(request, email=email, temporary=temporary)
    return aiohttp_jinja2.render_template("console/reset_done.html", request, context)


def _disable(session: Session, me: Me, adviser_id: int) -> None:
    adviser = _target(session, me, adviser_id)
    try:
        disable_adviser(session, str(adviser.email), actor=session.get(Adviser, me.id))
    except AdviserError:
        raise web.HTTPNotFound(reason="No such adviser") from None


@login_required(page=False)
async def disable(request: web.Request) -> web.StreamResponse:
    """POST /advisers/team/{adviser_id}/disable: no more logins; every session ends."""
    me = await me_of(request)
    _coordinator(me)
    adviser_id = _adviser_id(request)
    await run_db(request.app, lambda s: _disable(s, me, adviser_id))
    raise web.HTTPSeeOther("/advisers/team?done=disabled")


def setup_routes(app: web.Application) -> None:
    """Add the account pages under /advisers/."""
    app.router.add_get("/advisers/account/password", password_page, name="password")
    app.router.add_post("/advisers/account/password", change_password)
    app.router.add_get("/advisers/team", team, name="team")
    app.router.add_post("/advisers/team/{adviser_id}/password", reset_password, name="reset")
    app.router.add_post("/advisers/team/{adviser_id}/disable", disable, name="disable")
