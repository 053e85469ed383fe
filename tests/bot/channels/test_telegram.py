from __future__ import annotations

from typing import Any

import pytest

from bot.channels.telegram import read_update, secret_token

CHAT = {"id": 42, "type": "private"}


@pytest.mark.parametrize(
    ("update", "read"),
    [({"message": {"chat": CHAT, "text": "hi"}}, ("42", "hi", None)),
     ({"edited_message": {"chat": CHAT, "text": "hi!"}}, ("42", "hi!", None)),
     ({"callback_query": {"id": "q", "data": "/affirm", "message": {"chat": CHAT}}},
      ("42", "/affirm", "q")),
     ({"message": {"chat": CHAT, "sticker": {}}}, None),
     ({"message": {"chat": {"id": None}, "text": "hi"}}, None),
     ({"message": {"chat": [1], "text": "hi"}}, None),
     ({"message": "hi"}, None), ({"callback_query": {"data": 5}}, None),
     ({"callback_query": {"data": "x", "message": "m"}}, None), ([], None), (None, None)],
)  # fmt: skip
def test_read_update(update: Any, read: Any) -> None:
    assert read_update(update) == read


def test_secret_token_is_stable_and_allowed_by_telegram() -> None:
    token = secret_token("1:abc")
    assert token == secret_token("1:abc") != secret_token("1:abd")
    assert token.isalnum() and len(token) <= 256

