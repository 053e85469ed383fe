"""One learner message over the Rasa server's REST channel."""

from __future__ import annotations

import json
import urllib.request
from typing import Any, Dict, List, Optional

#: how long one learner message may take to be answered
TURN_TIMEOUT_S = 120


def say(
    base_url: str, sender: str, text: str, timeout: float = TURN_TIMEOUT_S,
    token: Optional[str] = None,
) -> List[Dict[str, Any]]:  # fmt: skip
    """Send ``text`` from ``sender`` to the Rasa server at ``base_url``; return the replies.

    ``token``: the REST channel's token (``REST_CHANNEL_TOKEN``), sent as a bearer token.
    """
    body = json.dumps({"sender": sender, "message": text}).encode()
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(
        f"{base_url}/webhooks/rest/webhook", data=body, headers=headers, method="POST",
    )  # fmt: skip
    with urllib.request.urlopen(request, timeout=timeout) as response:
        messages: List[Dict[str, Any]] = json.loads(response.read())
    return messages
