"""The read-only catalogue API under /api/: course search and routes from a course.

The OpenAPI document (:mod:`web.openapi`) describes exactly these endpoints; a test
fuzzes them from it.
"""

from __future__ import annotations

import json
from typing import Any, Dict, FrozenSet, List, Mapping, Optional

from aiohttp import web
from sqlalchemy.orm import Session

from pathways_catalogue.contract import STUDY_MODES
from pathways_catalogue.queries import CatalogueError, search_courses
from pathways_catalogue.routes import Constraints, Start, find_routes
from web.openapi import MAX_TEXT, openapi_document
from web.state import CONFIG, run_db


def api_error(kind: type, message: str) -> web.HTTPException:
    """An HTTP error whose JSON body is ``{"error": message}`` (the reason stays standard)."""
    body = json.dumps({"error": message})
    error: web.HTTPException = kind(text=body, content_type="application/json")
    return error


def _text(query: Mapping[str, str], name: str, required: bool = False) -> str:
    """A text parameter as the OpenAPI document describes it (1-200 characters if required)."""
    value = query.get(name)
    if value is None or (required and not value):
        if required:
            raise api_error(web.HTTPBadRequest, f"query parameter {name!r} is required")
        return ""
    if len(value) > MAX_TEXT:
        raise api_error(web.HTTPBadRequest, f"query parameter {name!r} is too long")
    return value


def _limit(query: Mapping[str, str], default: int, most: int) -> int:
    value = query.get("limit")
    if value is None:
        return default
    if not value.isascii() or not value.isdigit() or not 1 <= int(value) <= most:
        raise api_error(web.HTTPBadRequest, f"limit must be a whole number from 1 to {most}")
    return int(value)


def _network(request: web.Request) -> Optional[str]:
    return _text(request.query, "network") or request.app[CONFIG].network


def _courses(session: Session, text: str, network: Optional[str], limit: int) -> List[Dict]:
    return [
        {
            "course_id": hit.course.code,
            "title": hit.course.title,
            "qualification": hit.course.qualification,
            "institution": hit.course.institution.name,
            "institution_id": hit.course.institution.code,
            "level": hit.course.level,
            "subject": hit.course.subject,
            "score": hit.score,
        }
        for hit in search_courses(session, text, network=network, limit=limit)
    ]


async def courses(request: web.Request) -> web.Response:
    """GET /api/courses?q=...: courses whose title or aliases match, typos allowed."""
    text = _text(request.query, "q", required=True)
    limit, network = _limit(request.query, 10, 50), _network(request)
    if not text.strip():
        return web.json_response({"courses": []})
    try:
        found = await run_db(request.app, lambda s: _courses(s, text, network, limit))
    except CatalogueError as err:
        raise api_error(web.HTTPNotFound, str(err)) from None
    return web.json_response({"courses": found})


def _routes(session: Session, course_id: str, params: Dict[str, Any]) -> List[Dict]:
    modes: FrozenSet[str] = frozenset([params["mode"]]) if params["mode"] else frozenset()
    found = find_routes(
        session,
        Start(course=course_id),
        interests=params["interest"],
        constraints=Constraints(modes=modes),
        network=params["network"],
        limit=params["limit"],
    )
    return [dict(route.to_dict()) for route in found]


async def routes(request: web.Request) -> web.Response:
    """GET /api/courses/{course_id}/routes: ranked progression routes from a course."""
    course_id = request.match_info["course_id"]
    mode = request.query.get("mode")
    if mode is not None and mode not in STUDY_MODES:
        raise api_error(web.HTTPBadRequest, f"mode must be one of {', '.join(sorted(STUDY_MODES))}")
    params = {
        "interest": _text(request.query, "interest"),
        "mode": mode,
        "network": _network(request),
        "limit": _limit(request.query, 5, 10),
    }
    try:
        found = await run_db(request.app, lambda s: _routes(s, course_id, params))
    except CatalogueError as err:
        raise api_error(web.HTTPNotFound, str(err)) from None
    return web.json_response({"course_id": course_id, "routes": found})


async def openapi(request: web.Request) -> web.Response:
    """GET /api/openapi.json."""
    return web.json_response(openapi_document())


def setup_routes(app: web.Application) -> None:
    """Add the API's routes under /api/."""
    app.router.add_get("/api/openapi.json", openapi, name="openapi")
    app.router.add_get("/api/courses", courses, name="api_courses")
    app.router.add_get("/api/courses/{course_id}/routes", routes, name="api_routes")
