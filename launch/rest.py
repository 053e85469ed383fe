"""One learner message over the Rasa server's REST channel."""

from __future__ import annotations

import json
import urllib.request
from typing import Any, Dict, List

#: how long one learner message may take to be answered
TURN_TIMEOUT_S = 120


def say(
    base_url: str, sender: str, text: str, timeout: float = TURN_TIMEOUT_S
) -> List[Dict[str, Any]]:
    """Send ``text`` from ``sender`` to the Rasa server at ``base_url``; return the replies."""
    body = json.dumps({"sender": sender, "message": text}).encode()
    request = urllib.request.Request(
        f"{base_url}/webhooks/rest/webhook", data=body,
        headers={"Content-Type": "application/json"}, method="POST",
    )  # fmt: skip
    with urllib.request.urlopen(request, timeout=timeout) as response:
        messages: List[Dict[str, Any]] = json.loads(response.read())
    return messages
