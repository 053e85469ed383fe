"""What every console template gets: the adviser, the CSRF token, a flash message."""

from __future__ import annotations

from typing import Any, Dict

from aiohttp import web

from web.auth import csrf_token, current_adviser

#: messages shown after an action (fixed texts: nothing from the request is echoed)
FLASHES = {
    "status": "Status changed.",
    "assigned": "Enquiry assigned.",
    "note": "Note added.",
    "unchanged": "Nothing changed.",
    "logged-out": "You have logged out.",
    "password-changed": "Your password has been changed. You are logged out everywhere else.",
    "password-reset": "The password has been reset and the adviser logged out everywhere.",
    "disabled": "The account has been disabled and its sessions ended.",
    "published": "Published. Learners get the new catalogue from their next message.",
    "rolled-back": "Rolled back. Learners get that version from their next message.",
    "discarded": "The upload was discarded. Nothing changed.",
}

async def page_context(request: web.Request, **extra: Any) -> Dict[str, Any]:
    """What every console template gets: the adviser, the CSRF token, a flash message."""
    return {
        "me": await current_adviser(request),
        "csrf_token": await csrf_token(request),
        "flash": FLASHES.get(request.query.get("done", "")),
        "path": request.path,
        **extra,
    }
