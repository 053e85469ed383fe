"""Learners' words kept as demand carry nothing personal."""

from __future__ import annotations

from typing import Optional

import pytest

from insights.phrases import clean, clean_all


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Robotics", "robotics"), ("  Marine   Biology. ", "marine biology"),
        ("Health & Social Care", "health & social care"), ("level 3 plumbing", "level 3 plumbing"),
        ("sam.patel@example.com", None), ("ring 07700 900123", None), ("07700900123", None),
        ("YO10 5DD", None), ("near YO10", None), ("my name is Sam Patel", None),
        ("Mr Patel", None), ("I'm Sam", None), ("www.example.com", None),
        ("https://college.example/course", None), ("room 101", None),
        ("a phrase far too long to be the name of any course at all", None),
        ("", None), (None, None), ("!!!", None),
    ],
)  # fmt: skip
def test_clean(text: Optional[str], kept: Optional[str]) -> None:
    assert clean(text) == kept


def test_clean_all_keeps_each_phrase_once_in_order() -> None:
    assert clean_all(["Robotics", "robotics ", "me@x.com", "coding"]) == ["robotics", "coding"]
