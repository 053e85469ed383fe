from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.channels.text import MAX_MESSAGE_CHARS, Verdict, check, clean, valid_sender


@pytest.mark.parametrize(
    ("raw", "verdict", "text"),
    [
        ("hi", Verdict.READ, "hi"),
        ("  hi\tthere\r\n", Verdict.READ, "hi there"),
        ("\x00h\x07i\x1b\x7f\x9f", Verdict.READ, "hi"),
        ("en\u200bgineering", Verdict.READ, "engineering"),
        ("\u202eevil\u202c", Verdict.READ, "evil"),
        ("مرحبا", Verdict.READ, "مرحبا"),
        ("🙂 <b>hi</b>", Verdict.READ, "🙂 <b>hi</b>"),
        ("", Verdict.EMPTY, ""),
        ("   \n\t ", Verdict.EMPTY, ""),
        ("\x00\x01\x02", Verdict.EMPTY, ""),
        ("a" * MAX_MESSAGE_CHARS, Verdict.READ, "a" * MAX_MESSAGE_CHARS),
        ("a" * (MAX_MESSAGE_CHARS + 1), Verdict.TOO_LONG, ""),
        ("a" * 100_000, Verdict.TOO_LONG, ""),
    ],
)
def test_check(raw: str, verdict: Verdict, text: str) -> None:
    assert check(raw) == (verdict, text)


@given(st.text(max_size=300))
def test_cleaned_text_has_no_controls_and_is_stable(raw: str) -> None:
    once = clean(raw)
    assert clean(once) == once
    assert not [c for c in once if unicodedata.category(c) in ("Cc", "Cf") and c != "\n"]
    assert once == once.strip()


@pytest.mark.parametrize(
    ("sender", "ok"),
    [("me", True), ("a" * 128, True), ("", False), ("a" * 129, False), (5, False),
     (None, False), (" me", False), ("me\n", False), ("m\x00e", False), (["me"], False)],
)  # fmt: skip
def test_valid_sender(sender: object, ok: bool) -> None:
    assert valid_sender(sender) is ok
