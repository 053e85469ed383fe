"""The console's catalogue pages: upload, preview, publish, version history, roll-back.

Coordinators only (advisers get 403; visitors go to the login page). Handlers are
thin: they read the request within limits, run :mod:`pathways_catalogue.publishing`
in a worker thread (one transaction, with the audit entry of :mod:`enquiries.audit`)
and render a template. Problems of an upload are shown with their file, line and
column; nothing changes until the whole upload is valid and published.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Tuple

import aiohttp_jinja2
from aiohttp import BodyPartReader, web
from sqlalchemy.orm import Session

from enquiries import audit
from pathways_catalogue import publishing, uploads
from pathways_catalogue.importers.records import ImportProblems, Problem
from pathways_catalogue.models import CatalogueVersion
from web.auth import login_required, me_of
from web.casework import Me
from web.context import page_context
from web.middlewares import multipart_reader
from web.state import run_db

#: the longest text field of the upload form (the network's slug, a note)
MAX_FIELD_BYTES = 2000
#: the most parts an upload form may have (files and fields)
MAX_PARTS = uploads.MAX_ENTRIES + 5
#: the most problems one page lists (the rest are counted)
MAX_SHOWN_PROBLEMS = 200
#: the longest file name quoted back
MAX_NAME = 200
TOO_BIG = (
    f"The upload is larger than {uploads.MAX_UPLOAD_BYTES // uploads.MiB} MB; nothing was read "
    "and nothing changed."
)
#: the page's limits, as the page states them
LIMITS = {
    "upload": f"{uploads.MAX_UPLOAD_BYTES // uploads.MiB} MB",
    "file": f"{uploads.MAX_FILE_BYTES // uploads.MiB} MB",
    "total": f"{uploads.MAX_TOTAL_BYTES // uploads.MiB} MB",
    "ratio": str(uploads.MAX_RATIO),
    "entries": str(uploads.MAX_ENTRIES),
}


class TooLarge(Exception):
    """The request body is over :data:`pathways_catalogue.uploads.MAX_UPLOAD_BYTES`."""


@dataclass(frozen=True)
class Form:
    """What the upload form sent: its fields and its files."""

    fields: Dict[str, str]
    files: List[uploads.Upload]


async def _coordinator(request: web.Request) -> Me:
    me = await me_of(request)
    if not me.coordinator:
        raise web.HTTPForbidden(reason="Only a coordinator publishes the catalogue")
    return me


def _who(me: Me) -> str:
    return f"{me.name} <{me.email}>"


async def _read_part(part: BodyPartReader, budget: int) -> bytes:
    data = bytearray()
    while True:
        chunk = await part.read_chunk(64 * 1024)
        if not chunk:
            return bytes(data)
        data += chunk
        if len(data) > budget:
            raise TooLarge


async def read_form(request: web.Request) -> Form:
    """Read the multipart upload form, never more than the upload limit.

    Raises:
        TooLarge: the declared or actual body is over the limit.
        web.HTTPBadRequest: not a form of fields and files.

    """
    if (request.content_length or 0) > uploads.MAX_UPLOAD_BYTES:
        raise TooLarge
    try:
        reader = await multipart_reader(request)
    except (ValueError, AssertionError, KeyError):
        raise web.HTTPBadRequest(reason="Send the upload form") from None
    budget = uploads.MAX_UPLOAD_BYTES
    fields: Dict[str, str] = {}
    files: List[uploads.Upload] = []
    for _ in range(MAX_PARTS):
        part = await reader.next()
        if part is None:
            return Form(fields, files)
        if not isinstance(part, BodyPartReader):
            raise web.HTTPBadRequest(reason="Send the upload form")
        if part.filename is not None:
            data = await _read_part(part, budget)
            files.append(uploads.Upload(part.filename[:MAX_NAME], data))
        else:
            data = await _read_part(part, min(budget, MAX_FIELD_BYTES))
            fields[str(part.name)] = data.decode("utf-8", errors="replace")
        budget -= len(data)
    raise web.HTTPBadRequest(reason="The upload form has too many parts")


def _choose(session: Session, wanted: str) -> Tuple[str, List[Tuple[str, str]]]:
    """The network asked for (else the first), and every network."""
    every = publishing.networks(session)
    slugs = [slug for slug, _ in every]
    if wanted in slugs:
        return wanted, every
    if not slugs:
        raise web.HTTPNotFound(reason="There is no network to publish yet")
    return slugs[0], every


def _version_row(version: CatalogueVersion, live: Optional[int]) -> Dict[str, Any]:
    return {
        "number": version.number, "at": version.published_at, "by": version.published_by,
        "kind": version.kind, "note": version.note, "live": version.number == live,
        "courses": version.courses, "agreements": version.agreements,
        "contacts": version.contacts, "institutions": version.institutions,
    }  # fmt: skip


def overview(session: Session, me: Me, wanted: str) -> Dict[str, Any]:
    """The catalogue page's data: the networks, the live version, the coordinator's draft."""
    slug, every = _choose(session, wanted)
    live = publishing.live_version(session, slug)
    draft = publishing.draft_of(session, me.id)
    waiting = None
    if draft is not None:
        waiting = {"network": draft.network_slug, "uploaded": draft.uploaded,
                   "at": draft.created_at}  # fmt: skip
    return {
        "network": slug,
        "networks": every,
        "live": _version_row(live, live.number) if live is not None else None,
        "draft": waiting,
        "limits": LIMITS,
        "files": uploads.CONTRACT_FILES,
    }


def _problems(err: ImportProblems) -> Dict[str, Any]:
    shown: List[Problem] = err.problems[:MAX_SHOWN_PROBLEMS]
    return {"problems": shown, "more_problems": len(err.problems) - len(shown)}


@login_required()
async def catalogue_page(request: web.Request) -> web.Response:
    """GET /advisers/catalogue: upload a network's files."""
    me = await _coordinator(request)
    data = await run_db(request.app, lambda s: overview(s, me, request.query.get("network", "")))
    context = await page_context(request, **data)
    return aiohttp_jinja2.render_template("console/catalogue.html", request, context)


async def _upload_failed(
    request: web.Request, me: Me, wanted: str, status: int, **extra: Any
) -> web.Response:
    data = await run_db(request.app, lambda s: overview(s, me, wanted))
    context = await page_context(request, **data, **extra)
    return aiohttp_jinja2.render_template("console/catalogue.html", request, context, status=status)


def _keep_draft(session: Session, me: Me, slug: str, sent: List[uploads.Upload]) -> None:
    files, _ = publishing.prepare(session, slug, sent)
    described = ", ".join(u.name for u in sent if u.name)
    publishing.save_draft(session, me.id, slug, files, described)


@login_required(page=False)
async def upload(request: web.Request) -> web.StreamResponse:
    """POST /advisers/catalogue/upload: check the files; keep them as a draft if valid."""
    me = await _coordinator(request)
    try:
        form = await read_form(request)
    except TooLarge:
        return await _upload_failed(request, me, "", 413, error=TOO_BIG)
    wanted = form.fields.get("network", "")
    try:
        slug, _ = await run_db(request.app, lambda s: _choose(s, wanted))
        await run_db(request.app, lambda s: _keep_draft(s, me, slug, form.files))
    except ImportProblems as err:
        return await _upload_failed(request, me, wanted, 400, **_problems(err))
    except publishing.PublishError as err:
        return await _upload_failed(request, me, wanted, 400, error=str(err))
    raise web.HTTPSeeOther("/advisers/catalogue/preview")


def preview_data(session: Session, me: Me) -> Optional[Dict[str, Any]]:
    """The preview page's data; None when the coordinator has no draft."""
    draft = publishing.draft_of(session, me.id)
    if draft is None:
        return None
    record = publishing.draft_record(draft)
    diff = publishing.difference(session, draft.network_slug, record)
    return {
        "network": draft.network_slug, "uploaded": draft.uploaded, "at": draft.created_at,
        "diff": diff, "stale": publishing.stale(session, draft),
        "counts": {"institutions": len(record.institutions), "courses": len(record.courses),
                   "agreements": len(record.progressions), "contacts": len(record.contacts)},
        "note_limit": publishing.MAX_NOTE,
    }  # fmt: skip


@login_required()
async def preview(request: web.Request) -> web.Response:
    """GET /advisers/catalogue/preview: what publishing the draft would change."""
    me = await _coordinator(request)
    try:
        data = await run_db(request.app, lambda s: preview_data(s, me))
    except ImportProblems as err:  # the contract changed since the upload
        return await _upload_failed(request, me, "", 400, **_problems(err))
    if data is None:
        raise web.HTTPSeeOther("/advisers/catalogue")
    context = await page_context(request, **data)
    return aiohttp_jinja2.render_template("console/catalogue_preview.html", request, context)


def _detail(version: CatalogueVersion) -> str:
    return (
        f"{version.network_slug} v{version.number}: {version.courses} courses, "
        f"{version.agreements} agreements, {version.contacts} contacts"
        + (f"; {version.note}" if version.note else "")
    )


def publish_as(session: Session, me: Me, note: str) -> str:
    """Publish ``me``'s draft and audit it; return the network's slug."""
    version = publishing.publish_draft(session, me.id, _who(me), note)
    audit.record_catalogue(session, audit.CATALOGUE_PUBLISHED, me.id, _detail(version))
    return str(version.network_slug)


def roll_back_as(session: Session, me: Me, slug: str, number: int) -> None:
    """Publish version ``number`` of ``slug`` again and audit it."""
    version = publishing.roll_back(session, slug, number, me.id, _who(me))
    audit.record_catalogue(session, audit.CATALOGUE_ROLLED_BACK, me.id, _detail(version))


async def _form_text(request: web.Request, name: str, limit: int) -> str:
    value = (await request.post()).get(name, "")
    return value[:limit] if isinstance(value, str) else ""


@login_required(page=False)
async def publish(request: web.Request) -> web.StreamResponse:
    """POST /advisers/catalogue/publish: the draft goes live in one transaction."""
    me = await _coordinator(request)
    note = await _form_text(request, "note", publishing.MAX_NOTE)
    try:
        slug = await run_db(request.app, lambda s: publish_as(s, me, note))
    except ImportProblems as err:
        return await _upload_failed(request, me, "", 400, **_problems(err))
    except publishing.PublishError as err:
        return await _upload_failed(request, me, "", 409, error=str(err))
    url = (
        request.app.router["catalogue_versions"]
        .url_for()
        .with_query(network=slug, done="published")
    )
    raise web.HTTPSeeOther(url)


@login_required(page=False)
async def discard(request: web.Request) -> web.StreamResponse:
    """POST /advisers/catalogue/discard: drop the draft; nothing changes."""
    me = await _coordinator(request)
    await run_db(request.app, lambda s: publishing.discard(s, me.id))
    raise web.HTTPSeeOther("/advisers/catalogue?done=discarded")


def versions_data(session: Session, wanted: str) -> Dict[str, Any]:
    """The version history page's data."""
    slug, every = _choose(session, wanted)
    live = publishing.live_version(session, slug)
    live_number = live.number if live is not None else None
    return {
        "network": slug,
        "networks": every,
        "versions": [_version_row(v, live_number) for v in publishing.history(session, slug)],
        "outside_console": live is None,
        "events": [
            {"at": e.at, "action": e.action, "detail": e.new_value,
             "by": e.adviser.name if e.adviser is not None else "system"}
            for e in audit.catalogue_events(session, limit=20)
        ],
    }  # fmt: skip


@login_required()
async def versions(request: web.Request) -> web.Response:
    """GET /advisers/catalogue/versions: every published version, with roll-back."""
    await _coordinator(request)
    wanted = request.query.get("network", "")
    data = await run_db(request.app, lambda s: versions_data(s, wanted))
    context = await page_context(request, **data)
    return aiohttp_jinja2.render_template("console/catalogue_versions.html", request, context)


def _number(request: web.Request) -> int:
    value = request.match_info["number"]
    if not value.isdigit() or len(value) > 9:
        raise web.HTTPNotFound(reason="No such version")
    return int(value)


@login_required(page=False)
async def roll_back(request: web.Request) -> web.StreamResponse:
    """POST /advisers/catalogue/versions/{number}/rollback (field ``network``)."""
    me = await _coordinator(request)
    number = _number(request)
    wanted = await _form_text(request, "network", 200)
    try:
        slug, _ = await run_db(request.app, lambda s: _choose(s, wanted))
        await run_db(request.app, lambda s: roll_back_as(s, me, slug, number))
    except publishing.PublishError:
        raise web.HTTPNotFound(reason="No such version") from None
    except ImportProblems as err:
        return await _upload_failed(request, me, wanted, 400, **_problems(err))
    url = (
        request.app.router["catalogue_versions"]
        .url_for()
        .with_query(network=slug, done="rolled-back")
    )
    raise web.HTTPSeeOther(url)


@login_required(page=False)
async def source(request: web.Request) -> web.StreamResponse:
    """GET /advisers/catalogue/versions/{number}/source.zip?network=: a version's files."""
    await _coordinator(request)
    number = _number(request)
    wanted = request.query.get("network", "")

    def find(session: Session) -> Tuple[str, Optional[bytes]]:
        slug, _ = _choose(session, wanted)
        return slug, publishing.version_source(session, slug, number)

    slug, data = await run_db(request.app, find)
    if data is None:
        raise web.HTTPNotFound(reason="No such version")
    name = f"{slug}-v{number}.zip"
    return web.Response(
        body=data,
        content_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def setup_routes(app: web.Application) -> None:
    """Add the catalogue pages under /advisers/catalogue."""
    app.router.add_get("/advisers/catalogue", catalogue_page, name="catalogue")
    app.router.add_post("/advisers/catalogue/upload", upload, name="catalogue_upload")
    app.router.add_get("/advisers/catalogue/preview", preview, name="catalogue_preview")
    app.router.add_post("/advisers/catalogue/publish", publish, name="catalogue_publish")
    app.router.add_post("/advisers/catalogue/discard", discard, name="catalogue_discard")
    app.router.add_get("/advisers/catalogue/versions", versions, name="catalogue_versions")
    app.router.add_post(
        "/advisers/catalogue/versions/{number}/rollback", roll_back, name="catalogue_rollback"
    )
    app.router.add_get(
        "/advisers/catalogue/versions/{number}/source.zip", source, name="catalogue_source"
    )
