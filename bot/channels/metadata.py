"""What a client's ``metadata`` may hold before Rasa stores it with every user event.

Neither the widget nor our REST callers send metadata today; a client may send a
``locale`` (a language tag such as ``en-GB``). Every other key is dropped, so 200 KB of
metadata cannot be written into each event of a conversation. The channel itself
adds :data:`CLIENT_KEY`: a pseudonym of the client's address group, which the enquiry
caps count by (``actions.handover``); a client cannot set it.
"""

from __future__ import annotations

import re
from typing import Any, Dict, Optional

from access.addresses import CLIENT_METADATA_KEY

#: the key the channels set (never taken from a client)
CLIENT_KEY = CLIENT_METADATA_KEY
_LOCALE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,3}")
MAX_LOCALE_CHARS = 35


def _locale(value: Any) -> Optional[str]:
    if isinstance(value, str) and len(value) <= MAX_LOCALE_CHARS and _LOCALE.fullmatch(value):
        return value
    return None


#: the keys a client may send, each with its check (the value kept, or None to drop it)
ALLOWED = {"locale": _locale}


def kept(metadata: Any, client: Optional[str] = None) -> Optional[Dict[str, Any]]:
    """The allowed, well-formed keys of a client's ``metadata``, plus ``client`` if given."""
    result: Dict[str, Any] = {}
    if isinstance(metadata, dict):
        for key, check in ALLOWED.items():
            value = check(metadata.get(key))
            if value is not None:
                result[key] = value
    if client:
        result[CLIENT_KEY] = client
    return result or None
