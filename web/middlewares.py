"""Middlewares: metrics, security headers, rate limits, CSRF, JSON errors for the API."""

from __future__ import annotations

import logging
import time
from typing import Awaitable, Callable, Optional

from aiohttp import BodyPartReader, MultipartReader, web
from aiohttp_session import get_session

from access.addresses import group
from web.security import same_token
from web.state import CONFIG, METRICS, PUBLIC_LIMIT

logger = logging.getLogger(__name__)

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
CONSOLE = "/advisers/"
API = "/api/"
#: paths the per-address rate limit guards (the console's pages need a login instead)
PUBLIC_PREFIXES = (API, "/advisers/login", "/metrics")
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CSRF_FIELD = "csrf_token"
JSON = "application/json"
CSRF_HEADER = "X-CSRF-Token"
#: the longest CSRF field read from a multipart form (a token is 43 characters)
MAX_TOKEN_BYTES = 256
#: where the CSRF check leaves a multipart form's reader, past its token, for the handler
MULTIPART_READER = "pathways.multipart"
CONSOLE_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
)


def forwarded_for(request: web.Request) -> Optional[str]:
    """Every ``X-Forwarded-For`` header of ``request``, joined (None without one)."""
    values = request.headers.getall("X-Forwarded-For", [])
    return ",".join(values) if values else None


def client_address(request: web.Request) -> str:
    """The client's address group (IPv6 by /64); ``X-Forwarded-For`` only from trusted proxies."""
    proxies = request.app[CONFIG].proxies
    return group(proxies.client(request.remote, forwarded_for(request)))


def is_local(request: web.Request) -> bool:
    """Whether the client is on this machine (never through a proxy we do not trust)."""
    return request.app[CONFIG].proxies.is_local(request.remote, forwarded_for(request))


def route_name(request: web.Request) -> str:
    """The matched route's pattern ("/advisers/enquiries/{reference}"), never the raw path."""
    info = request.match_info
    route = getattr(info, "route", None)
    resource = getattr(route, "resource", None)
    if resource is None or getattr(info, "http_exception", None) is not None:
        return "unmatched"
    return str(resource.canonical)


@web.middleware
async def metrics_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Count every request and its latency by route."""
    started = time.perf_counter()
    status = 500
    try:
        response = await handler(request)
        status = response.status
        return response
    except web.HTTPException as exc:
        status = exc.status
        raise
    finally:
        request.app[METRICS].observe(
            request.method, route_name(request), status, time.perf_counter() - started
        )


@web.middleware
async def error_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """API errors as JSON ``{"error": ...}``; unexpected errors logged (no request data)."""
    try:
        return await handler(request)
    except web.HTTPException as exc:
        if request.path.startswith(API) and exc.status >= 400 and exc.content_type != JSON:
            return web.json_response(
                {"error": exc.reason}, status=exc.status, headers=_kept_headers(exc)
            )
        raise
    except Exception:
        logger.exception("unhandled error on %s %s", request.method, route_name(request))
        if request.path.startswith(API):
            return web.json_response({"error": "Internal Server Error"}, status=500)
        raise


def _kept_headers(exc: web.HTTPException) -> dict:
    kept = {}
    for name in ("Retry-After", "Allow"):
        if name in exc.headers:
            kept[name] = exc.headers[name]
    return kept


@web.middleware
async def rate_limit_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """A rate limit per client address on the public endpoints: 429 when used up."""
    path = request.path
    if path == "/" or path.startswith(PUBLIC_PREFIXES):
        if not request.app[PUBLIC_LIMIT].take(client_address(request)):
            raise web.HTTPTooManyRequests(
                reason="Too Many Requests", headers={"Retry-After": "1"}
            )
    return await handler(request)


@web.middleware
async def csrf_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Every unsafe request to the console carries the session's CSRF token, or 403.

    A multipart form (an upload) is not read whole: its token must be its first field,
    and the rest of the form is left to the handler (:func:`multipart_reader`), which
    reads it within limits of its own.
    """
    if request.method in UNSAFE_METHODS and request.path.startswith(CONSOLE):
        session = await get_session(request)
        given = request.headers.get(CSRF_HEADER)
        if given is None and request.content_type == "multipart/form-data":
            given = await _first_field_token(request)
        elif given is None and request.content_type == "application/x-www-form-urlencoded":
            form = await request.post()
            value = form.get(CSRF_FIELD)
            given = value if isinstance(value, str) else None
        if not same_token(session.get("csrf"), given):
            raise web.HTTPForbidden(reason="Missing or wrong CSRF token")
    return await handler(request)


async def _first_field_token(request: web.Request) -> Optional[str]:
    """The CSRF token if it is the multipart form's first field (at most a few bytes read)."""
    try:
        reader = await request.multipart()
        request[MULTIPART_READER] = reader
        part = await reader.next()
        if not isinstance(part, BodyPartReader) or part.name != CSRF_FIELD or part.filename:
            return None
        data = b""
        while len(data) <= MAX_TOKEN_BYTES:
            chunk = await part.read_chunk(MAX_TOKEN_BYTES)
            if not chunk:
                return data.decode("ascii", errors="replace")
            data += chunk
    except (ValueError, AssertionError, KeyError, RuntimeError):
        return None  # not a well-formed multipart body
    return None


async def multipart_reader(request: web.Request) -> MultipartReader:
    """A multipart form's reader: past its CSRF field, or from the start (token in a header)."""
    reader = request.get(MULTIPART_READER)
    if isinstance(reader, MultipartReader):
        return reader
    return await request.multipart()


@web.middleware
async def headers_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Security headers everywhere; no caching and a strict CSP on console pages."""
    try:
        response = await handler(request)
    except web.HTTPException as exc:
        _secure(request, exc)
        raise
    _secure(request, response)
    return response


def _secure(request: web.Request, response: web.StreamResponse) -> None:
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if request.path.startswith(CONSOLE):
        response.headers.setdefault("Content-Security-Policy", CONSOLE_CSP)
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Cache-Control", "no-store")
