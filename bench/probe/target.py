"""What the probe attacks: the URLs, tokens and stores of a running ``make run``.

The defaults are what ``tools/run.sh`` starts: the Rasa server on ``RASA_PORT`` (5005),
the action server on ``ACTION_PORT`` (5055) and the web front on ``WEB_HOST:WEB_PORT``
(127.0.0.1:8000), all on loopback; the conversations in ``TRACKER_STORE_URL`` (default
``var/tracker.db``). Tokens are the environment's, as ``make run`` would see them:
``make run`` sets none for the REST channel or ``/metrics``.
"""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional

from bench.probe.http import Answer, request
from bench.probe.report import NotTried

ROOT = Path(__file__).resolve().parent.parent.parent
#: a message that names a course and an institution of the demo network
START = "im doing the ext dip in enginering at northgate"
#: a question that needs to know the learner's course
NEXT = "what can I do next?"


def asks_for_the_course(reply: str) -> bool:
    """Whether the bot asks what course the learner is doing (so it knows none)."""
    lowered = reply.lower()
    return "what course are you doing" in lowered or "what course you're doing" in lowered


def texts(messages: Any) -> str:
    """The text of a list of bot messages, one per line."""
    if not isinstance(messages, list):
        return ""
    return "\n".join(str(m.get("text", "")) for m in messages if isinstance(m, dict))


@dataclass
class Target:
    """A running deployment, and the probe run's own names (so runs never collide)."""

    bot_url: str
    web_url: str
    actions_url: str
    tracker_db: Optional[Path]
    rest_token: Optional[str] = None
    metrics_token: Optional[str] = None
    trusted_proxies: str = ""
    python: str = str(ROOT / ".venv" / "bin" / "python")
    run: str = field(default_factory=lambda: uuid.uuid4().hex[:8])

    @classmethod
    def from_env(cls, env: Optional[Mapping[str, str]] = None, bot: Optional[str] = None,
                 web: Optional[str] = None) -> Target:  # fmt: skip
        """The deployment ``make run`` starts with the environment ``env``."""
        env = os.environ if env is None else env
        rasa_port = env.get("RASA_PORT") or "5005"
        action_port = env.get("ACTION_PORT") or "5055"
        web_host = env.get("WEB_HOST") or "127.0.0.1"
        web_port = env.get("WEB_PORT") or "8000"
        tracker = env.get("TRACKER_STORE_URL") or f"sqlite:///{ROOT / 'var' / 'tracker.db'}"
        return cls(
            bot_url=(bot or f"http://127.0.0.1:{rasa_port}").rstrip("/"),
            web_url=(web or f"http://{web_host}:{web_port}").rstrip("/"),
            actions_url=f"http://127.0.0.1:{action_port}",
            tracker_db=Path(tracker[len("sqlite:///"):]) if tracker.startswith("sqlite:///")
            else None,
            rest_token=env.get("REST_CHANNEL_TOKEN", "").strip() or None,
            metrics_token=env.get("METRICS_TOKEN", "").strip() or None,
            trusted_proxies=env.get("TRUSTED_PROXIES", ""),
        )  # fmt: skip

    def describe(self) -> Dict[str, Any]:
        """The target as the report records it (whether tokens were known, not the tokens)."""
        return {
            "bot": self.bot_url, "web": self.web_url, "actions": self.actions_url,
            "rest_token": self.rest_token is not None,
            "metrics_token": self.metrics_token is not None,
            "trusted_proxies": self.trusted_proxies or None, "run": self.run,
        }  # fmt: skip

    @property
    def email(self) -> str:
        """The email address the probe's learners give in a hand-over."""
        return f"learner.{self.run}@example.com"

    def sender(self, kind: str) -> str:
        """A new sender id of this run."""
        return f"probe-{self.run}-{kind}-{uuid.uuid4().hex[:6]}"

    def rest(self, sender: str, message: str, client: Optional[str] = None,
             token: bool = True, **extra: Any) -> Answer:  # fmt: skip
        """A REST turn; ``client``: claimed in ``X-Forwarded-For``; with the token if known."""
        headers = {"Content-Type": "application/json"}
        if client:
            headers["X-Forwarded-For"] = client
        if token and self.rest_token:
            headers["Authorization"] = f"Bearer {self.rest_token}"
        body = json.dumps({"sender": sender, "message": message, **extra}).encode()
        return request(self.bot_url, "POST", "/webhooks/rest/webhook", body, headers)

    def stored(self, conversation: str) -> List[str]:
        """The stored events (JSON text) of ``conversation`` in the tracker store.

        Raises:
            NotTried: if the store is not a SQLite file the probe can read.

        """
        if self.tracker_db is None or not self.tracker_db.is_file():
            raise NotTried("the tracker store is not a SQLite file here, so where a turn "
                           "was stored cannot be seen")  # fmt: skip
        connection = sqlite3.connect(f"file:{self.tracker_db}?mode=ro", uri=True, timeout=30)
        try:
            rows = connection.execute("SELECT data FROM events WHERE sender_id = ?",
                                      (conversation,)).fetchall()  # fmt: skip
        finally:
            connection.close()
        return [str(row[0]) for row in rows]
