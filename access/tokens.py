"""Bearer tokens, compared in constant time."""

from __future__ import annotations

import hmac
from typing import Optional

PREFIX = "bearer "


def bearer(header: Optional[str]) -> Optional[str]:
    """The token of an ``Authorization: Bearer <token>`` header, or None."""
    if not header or not header[: len(PREFIX)].lower() == PREFIX:
        return None
    return header[len(PREFIX):].strip() or None


def matches(expected: Optional[str], given: Optional[str]) -> bool:
    """Whether ``given`` is ``expected``; an unset or empty token never matches."""
    if not expected or not given:
        return False
    return hmac.compare_digest(expected.encode("utf-8"), given.encode("utf-8"))
