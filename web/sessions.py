"""Console sessions kept on the server: an ``aiohttp_session`` storage over the database.

The cookie carries only a random token (32 bytes from :mod:`secrets`). The database
keeps the token's HMAC-SHA256 under ``WEB_SECRET_KEY`` (:func:`session_key`), with
the adviser and the CSRF token (:mod:`enquiries.logins`). So:

- a cookie is worth nothing once its row is gone: logging out deletes the row,
  disabling an account or changing or resetting a password deletes all of that
  adviser's rows, and a copied cookie stops working everywhere at once;
- nothing in the cookie can be decrypted, forged or replayed offline;
- a visitor who only opens the login form gets a short session (the form's CSRF
  token) that expires after :data:`VISITOR_LIFETIME`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from typing import Optional, Tuple

from aiohttp import web
from aiohttp_session import AbstractStorage, Session
from sqlalchemy.orm import Session as DbSession

from enquiries import logins
from web.state import CONFIG, run_db

#: the session keys the console uses (anything else is not kept)
ADVISER = "adviser_id"
CSRF = "csrf"
#: how long a visitor's login form stays valid
VISITOR_LIFETIME = dt.timedelta(hours=1)
_TOKEN_BYTES = 32


def session_key(secret: bytes, token: str) -> str:
    """The database key of a session: the HMAC-SHA256 of its cookie's token (hex)."""
    return hmac.new(secret, token.encode("utf-8"), hashlib.sha256).hexdigest()


class DatabaseStorage(AbstractStorage):
    """Sessions in the ``console_session`` table; the cookie holds a random token only."""

    def __init__(self, secret: bytes, **cookie: object) -> None:
        super().__init__(**cookie)  # type: ignore[arg-type]
        self._secret = secret

    def _key(self, token: str) -> str:
        return session_key(self._secret, token)

    async def load_session(self, request: web.Request) -> Session:
        """The stored session of the request's cookie, or a new empty one."""
        token = self.load_cookie(request)
        if not token or len(token) > 100:
            return Session(None, data=None, new=True, max_age=self.max_age)
        key = self._key(token)
        found = await run_db(request.app, lambda s: _snapshot(s, key))
        if found is None:
            return Session(None, data=None, new=True, max_age=self.max_age)
        adviser_id, csrf, created = found
        data = {ADVISER: adviser_id, CSRF: csrf} if adviser_id is not None else {CSRF: csrf}
        return Session(
            token, data={"created": created, "session": data}, new=False, max_age=self.max_age
        )

    async def save_session(
        self, request: web.Request, response: web.StreamResponse, session: Session
    ) -> None:
        """Store a new or changed session; forget an invalidated one (and its cookie)."""
        token: Optional[str] = session.identity
        if session.empty:
            if token:
                key = self._key(token)
                await run_db(request.app, lambda s: logins.end_session(s, key))
            self.save_cookie(response, "", max_age=0)
            return
        adviser_id = session.get(ADVISER)
        adviser_id = adviser_id if isinstance(adviser_id, int) else None
        csrf = str(session.get(CSRF) or "")
        if token is None:
            token = secrets.token_urlsafe(_TOKEN_BYTES)
            key = self._key(token)
            lifetime = (
                dt.timedelta(seconds=request.app[CONFIG].session_max_age)
                if adviser_id is not None
                else VISITOR_LIFETIME
            )

            def start(s: DbSession) -> None:
                logins.prune_sessions(s)
                logins.start_session(s, key, adviser_id, csrf, lifetime)

            await run_db(request.app, start)
            max_age = int(lifetime.total_seconds())
        else:
            key = self._key(token)
            await run_db(request.app, lambda s: logins.update_session(s, key, adviser_id, csrf))
            max_age = session.max_age or 0
        self.save_cookie(response, token, max_age=max_age or None)

    async def end(self, request: web.Request, session: Session) -> None:
        """Delete a stored session now (before :func:`aiohttp_session.new_session`)."""
        if session.identity:
            key = self._key(str(session.identity))
            await run_db(request.app, lambda s: logins.end_session(s, key))


def _snapshot(s: DbSession, key: str) -> Optional[Tuple[Optional[int], str, int]]:
    """(adviser id, CSRF token, created as a Unix time) of a live session, or None."""
    row = logins.live_session(s, key)
    if row is None:
        return None
    created = int(row.created_at.replace(tzinfo=dt.timezone.utc).timestamp())
    adviser_id = int(row.adviser_id) if row.adviser_id is not None else None
    return adviser_id, str(row.csrf_token), created
