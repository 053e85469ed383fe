from __future__ import annotations

from typing import Any, Dict, List

import pytest

from bot.channels.render import (
    PayloadStore,
    messenger_messages,
    route_text,
    shorten,
    slack_blocks,
    split,
    telegram_keyboard,
)

LONG = '/inform_course{"subject": "Engineering and Manufacturing Technologies, extended"}'


def buttons(n: int, title: str = "Option", payload: str = "/affirm") -> List[Dict[str, Any]]:
    return [{"title": f"{title} {i}", "payload": payload} for i in range(1, n + 1)]


def test_split_keeps_every_word_within_the_limit() -> None:
    text = " ".join(f"word{i}" for i in range(1000))
    pieces = split(text, 100)
    assert all(len(p) <= 100 for p in pieces)
    assert " ".join(pieces).split() == text.split()
    assert split("", 10) == []
    assert split("x" * 25, 10) == ["x" * 10, "x" * 10, "x" * 5]


def test_shorten() -> None:
    assert shorten("short", 20) == "short"
    assert shorten("a very long button title indeed", 20) == "a very long button…"
    assert len(shorten("x" * 50, 20)) == 20


def test_telegram_keyboard_fits_callback_data_and_reads_it_back() -> None:
    store = PayloadStore()
    rows = telegram_keyboard([*buttons(3), {"title": "Long one", "payload": LONG}], store)
    cells = [cell for row in rows for cell in row]
    assert len(cells) == 4 and all(1 <= len(row) <= 2 for row in rows)
    assert all(len(data.encode()) <= 64 for _title, data in cells)
    assert store.payload(cells[-1][1]) == LONG
    assert store.payload("/affirm") == "/affirm"
    assert len(telegram_keyboard(buttons(150), store)) * 2 >= 100
    assert sum(len(r) for r in telegram_keyboard(buttons(150), store)) == 100


def test_telegram_keyboard_puts_long_titles_one_a_row() -> None:
    rows = telegram_keyboard(buttons(3, title="A rather long title for a button"), PayloadStore())
    assert [len(r) for r in rows] == [1, 1, 1]


def test_telegram_keyboard_drops_broken_buttons() -> None:
    broken: List[Any] = [{"title": 5}, {"payload": "/x"}, "x", {"title": "ok", "payload": "/y"}]
    rows = telegram_keyboard(broken, PayloadStore())
    assert rows == [[("ok", "/y")]]


def test_payload_store_is_bounded() -> None:
    store = PayloadStore(size=2)
    tokens = [store.token(LONG + str(i)) for i in range(3)]
    assert store.payload(tokens[0]) == tokens[0]  # forgotten: read as text
    assert store.payload(tokens[2]) == LONG + "2"


def test_numbered_answers() -> None:
    store = PayloadStore()
    store.remember("+44", {"1": "/affirm", "2": "/deny"})
    assert store.answer("+44", "2") == "/deny"
    assert store.answer("+44", " 1. ") == "/affirm"
    assert store.answer("+44", "3") == "3"
    assert store.answer("+1", "1") == "1"


def test_slack_blocks_within_limits() -> None:
    blocks = slack_blocks("x " * 4000, buttons(30, title="t" * 100))
    sections = [b for b in blocks if b["type"] == "section"]
    actions = [b for b in blocks if b["type"] == "actions"]
    assert all(len(b["text"]["text"]) <= 3000 for b in sections)
    assert [len(b["elements"]) for b in actions] == [25, 5]
    elements = [e for b in actions for e in b["elements"]]
    assert all(len(e["text"]["text"]) <= 75 for e in elements)
    assert len({e["action_id"] for e in elements}) == 30
    assert len(slack_blocks("x", buttons(2000))) <= 50


def test_messenger_button_template_for_three_buttons() -> None:
    [message] = messenger_messages("Is that OK?", buttons(2, title="A title over twenty chars"))
    payload = message["attachment"]["payload"]
    assert payload["template_type"] == "button" and payload["text"] == "Is that OK?"
    assert all(len(b["title"]) <= 20 and b["type"] == "postback" for b in payload["buttons"])


@pytest.mark.parametrize(("text", "count"), [("Pick one", 5), ("x" * 700, 2), ("x" * 5000, 3)])
def test_messenger_quick_replies_otherwise(text: str, count: int) -> None:
    messages = messenger_messages(text, buttons(count))
    last = messages[-1]
    assert "quick_replies" in last and len(last["quick_replies"]) <= 13
    assert all(len(m["text"]) <= 2000 for m in messages)
    assert all(len(q["title"]) <= 20 for q in last["quick_replies"])


def test_messenger_without_buttons_is_text() -> None:
    assert messenger_messages("hello", []) == [{"text": "hello"}]


def test_route_text() -> None:
    card = {"type": "pathways.route", "position": 2, "route": {
        "steps": [{"title": "HNC in Mechatronics", "institution": "Don Valley", "level": 4}],
        "contact": {"name": "Mark Dawson", "email": "m@example.ac.uk"}}}  # fmt: skip
    text = route_text(card)
    assert text == ("Route 2:\n- HNC in Mechatronics at Don Valley (level 4)\n"
                    "Contact: Mark Dawson m@example.ac.uk")  # fmt: skip
    assert route_text({"type": "other"}) is None
    assert route_text("x") is None
    assert route_text({"type": "pathways.route", "route": {"steps": []}}) is None
