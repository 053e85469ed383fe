from __future__ import annotations

from typing import Any, Dict, List

from rasa.core.channels.channel import CollectingOutputChannel

from bot.channels.plain import CardsAsText

CARD = {"type": "pathways.route", "position": 1, "route": {
    "steps": [{"title": "HNC in Mechatronics", "institution": "Don Valley", "level": 4}],
    "contact": None}}  # fmt: skip


class Collector(CardsAsText, CollectingOutputChannel):
    """Rasa's collecting output, with route cards as text."""


async def sent(message: Dict[str, Any]) -> List[Dict[str, Any]]:
    out = Collector()
    await out.send_response("me", message)
    return out.messages


async def test_a_card_with_its_summary_is_dropped() -> None:
    assert await sent({"text": "1. HNC in Mechatronics", "custom": CARD}) == [
        {"recipient_id": "me", "text": "1. HNC in Mechatronics"}]  # fmt: skip


async def test_a_card_alone_becomes_text() -> None:
    [message] = await sent({"custom": CARD})
    assert message["text"].startswith("Route 1:\n- HNC in Mechatronics at Don Valley")


async def test_other_custom_payloads_are_never_shown_as_json() -> None:
    assert await sent({"custom": {"type": "secret", "x": 1}}) == []
