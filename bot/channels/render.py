"""Bot messages within each messaging platform's limits (pure functions, no I/O).

Buttons are ``{"title": ..., "payload": ...}`` (Rasa's); a route card is the custom
payload ``{"type": "pathways.route", "position": n, "route": RouteDict}``.

- **Telegram**: an inline keyboard of up to 100 buttons, 2 a row (1 if a title is
  long); a payload over 64 bytes travels as a short token (:class:`PayloadStore`);
  texts of up to 4,096 characters.
- **Slack**: ``section`` blocks of 3,000 characters, ``actions`` blocks of up to 25
  buttons (75-character titles, 2,000-character values), 50 blocks at most.
- **Messenger**: a button template (3 buttons, 20-character titles, 640-character
  text), else up to 13 quick replies; texts of up to 2,000 characters.
- **Twilio** (SMS, WhatsApp): no buttons, so numbered lines ("Reply with a number"),
  and the number is read back (:class:`PayloadStore`); texts of up to 1,600 characters.

Route cards become text: the route's summary is already in the message sent with
the card, so the card is dropped; a card sent alone becomes :func:`route_text`.
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from typing import Any, Dict, List, Optional, Tuple

Button = Dict[str, Any]

TELEGRAM_TEXT = 4096
TELEGRAM_CALLBACK_BYTES = 64
TELEGRAM_BUTTONS = 100
SLACK_SECTION = 3000
SLACK_BUTTONS_A_BLOCK = 25
SLACK_BUTTON_TITLE = 75
SLACK_BUTTON_VALUE = 2000
SLACK_BLOCKS = 50
MESSENGER_TEXT = 2000
MESSENGER_TEMPLATE_TEXT = 640
MESSENGER_BUTTONS = 3
MESSENGER_QUICK_REPLIES = 13
MESSENGER_TITLE = 20
MESSENGER_PAYLOAD = 1000
TWILIO_TEXT = 1600

#: what a learner sees when a card arrives without text and cannot be read
ROUTE_CARD_PREFIX = "Route"


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, with an ellipsis if it was cut."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def split(text: str, limit: int) -> List[str]:
    """``text`` in pieces of at most ``limit`` characters, cut at paragraph or word ends."""
    pieces: List[str] = []
    rest = text.strip()
    while len(rest) > limit:
        cut = max(rest.rfind("\n", 0, limit), rest.rfind(" ", 0, limit))
        cut = cut if cut > limit // 2 else limit
        pieces.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        pieces.append(rest)
    return pieces


def usable(buttons: Optional[List[Any]]) -> List[Button]:
    """The buttons with a string title and payload (others are dropped)."""
    return [
        b for b in buttons or []
        if isinstance(b, dict) and isinstance(b.get("title"), str)
        and isinstance(b.get("payload"), str) and b["title"].strip()
    ]  # fmt: skip


class PayloadStore:
    """Payloads kept for a while, for platforms that cannot carry them whole.

    Telegram's callback data holds 64 bytes, so a longer payload travels as a token;
    Twilio has no buttons, so the learner replies with a number. Both are read back
    here. The store is bounded (the oldest entries go first) and held in memory: after
    a restart an old token or number is just text.
    """

    def __init__(self, size: int = 10_000) -> None:
        self.size = size
        self._tokens: OrderedDict[str, str] = OrderedDict()
        self._numbered: OrderedDict[str, Dict[str, str]] = OrderedDict()

    def _keep(self, table: OrderedDict, key: str, value: Any) -> None:
        table[key] = value
        table.move_to_end(key)
        while len(table) > self.size:
            table.popitem(last=False)

    def token(self, payload: str) -> str:
        """A callback data of at most 64 bytes for ``payload`` (the payload if it fits)."""
        if len(payload.encode()) <= TELEGRAM_CALLBACK_BYTES:
            return payload
        token = "pw:" + hashlib.sha256(payload.encode()).hexdigest()[:32]
        self._keep(self._tokens, token, payload)
        return token

    def payload(self, data: str) -> str:
        """The payload a callback data stands for (the data itself if it is no token)."""
        return self._tokens.get(data, data)

    def remember(self, recipient: str, numbered: Dict[str, str]) -> None:
        """Remember the numbered buttons last shown to ``recipient`` ({"1": payload})."""
        self._keep(self._numbered, recipient, dict(numbered))

    def answer(self, recipient: str, text: str) -> str:
        """The payload of the numbered button ``text`` names, or ``text`` itself."""
        choices = self._numbered.get(recipient, {})
        return choices.get(text.strip().rstrip(".)"), text)


def route_text(custom: Any) -> Optional[str]:
    """A route card as text, or None for any other custom payload."""
    if not isinstance(custom, dict) or custom.get("type") != "pathways.route":
        return None
    route = custom.get("route") or {}
    steps = [s for s in route.get("steps", []) if isinstance(s, dict)]
    if not steps:
        return None
    lines = [f"{ROUTE_CARD_PREFIX} {custom.get('position', '')}".strip() + ":"]
    for step in steps:
        lines.append(f"- {step.get('title', '')} at {step.get('institution', '')}"
                     f" (level {step.get('level', '?')})")  # fmt: skip
    contact = route.get("contact")
    if isinstance(contact, dict) and contact.get("name"):
        how = contact.get("email") or contact.get("phone") or ""
        lines.append(f"Contact: {contact['name']} {how}".rstrip())
    return "\n".join(lines)


def telegram_keyboard(buttons: List[Button], store: PayloadStore) -> List[List[Tuple[str, str]]]:
    """Rows of (title, callback data) for an inline keyboard."""
    kept = usable(buttons)[:TELEGRAM_BUTTONS]
    wide = any(len(b["title"]) > 20 for b in kept)
    per_row = 1 if wide else 2
    cells = [(shorten(b["title"], 64), store.token(b["payload"])) for b in kept]
    return [cells[i : i + per_row] for i in range(0, len(cells), per_row)]


def slack_blocks(text: str, buttons: List[Button]) -> List[Dict[str, Any]]:
    """Slack blocks: the text in sections, then the buttons in actions blocks."""
    blocks: List[Dict[str, Any]] = [
        {"type": "section", "text": {"type": "mrkdwn", "text": piece}}
        for piece in split(text, SLACK_SECTION)
    ]
    kept = [b for b in usable(buttons) if len(b["payload"]) <= SLACK_BUTTON_VALUE]
    for start in range(0, len(kept), SLACK_BUTTONS_A_BLOCK):
        blocks.append({
            "type": "actions",
            "elements": [
                {"type": "button", "action_id": f"pathways_button_{start + i}",
                 "text": {"type": "plain_text", "text": shorten(b["title"], SLACK_BUTTON_TITLE)},
                 "value": b["payload"]}
                for i, b in enumerate(kept[start : start + SLACK_BUTTONS_A_BLOCK])
            ],
        })  # fmt: skip
    return blocks[:SLACK_BLOCKS]


def messenger_messages(text: str, buttons: List[Button]) -> List[Dict[str, Any]]:
    """Messenger Send API messages for a text with buttons, within its limits."""
    kept = [b for b in usable(buttons) if len(b["payload"]) <= MESSENGER_PAYLOAD]
    pieces = split(text, MESSENGER_TEXT) or [""]
    head, last = pieces[:-1], pieces[-1]
    messages: List[Dict[str, Any]] = [{"text": piece} for piece in head]
    if not kept:
        return [*messages, {"text": last}]
    if len(kept) <= MESSENGER_BUTTONS and len(last) <= MESSENGER_TEMPLATE_TEXT and last:
        return [*messages, {"attachment": {"type": "template", "payload": {
            "template_type": "button", "text": last,
            "buttons": [{"type": "postback", "title": shorten(b["title"], MESSENGER_TITLE),
                         "payload": b["payload"]} for b in kept],
        }}}]  # fmt: skip
    return [*messages, {
        "text": last or "Choose one:",
        "quick_replies": [
            {"content_type": "text", "title": shorten(b["title"], MESSENGER_TITLE),
             "payload": b["payload"]}
            for b in kept[:MESSENGER_QUICK_REPLIES]
        ],
    }]  # fmt: skip

