from __future__ import annotations

from typing import List, Optional

import pytest

from actions.parsing import (
    catalogue_modes,
    find_ordinal,
    grade_rank,
    is_dont_know,
    parse_distance_km,
    parse_level,
    parse_modes,
    parse_ordinal,
    strip_lead_in,
    wants_near_me,
    wants_no_constraints,
)


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("level 3", 3),
        ("L3", 3),
        ("lvl two", 2),
        ("3", 3),
        (3.0, 3),
        ("it's level 4", 4),
        ("A levels", 3),
        ("HND", 5),
        ("level 9", None),
        ("dunno", None),
        (None, None),
    ],
)
def test_parse_level(text: object, level: Optional[int]) -> None:
    assert parse_level(text) == level


@pytest.mark.parametrize(
    ("value", "index"),
    [("second", 1), ("2", 1), ("3rd", 2), ("last", 2), ("first", 0), ("one", 0), ("x", None)],
)
def test_parse_ordinal_entity_values(value: str, index: Optional[int]) -> None:
    assert parse_ordinal(value, 3) == index


@pytest.mark.parametrize(
    ("text", "index"),
    [
        ("tell me more about the second one", 1),
        ("option 3", 2),
        ("the last one", 2),
        ("2", 1),
        ("what about that one", None),  # "one" is not an ordinal in a sentence
        ("what comes after the top-up", None),  # nor is "top"
        ("what do I need for level 3", None),  # nor a bare number in a sentence
    ],
)
def test_find_ordinal_in_a_sentence(text: str, index: Optional[int]) -> None:
    assert find_ordinal(text, 3) == index


@pytest.mark.parametrize(
    ("text", "modes"),
    [
        ("part-time only", ["part-time"]),
        ("I need to work so evenings", ["evening"]),
        ("apprenticeship", ["work-based"]),
        ("distance learning", ["distance"]),
        ("online please", ["distance"]),
        ("full time", ["full-time"]),
        ("part time or an apprenticeship", ["part-time", "work-based"]),
        ("i can only do weekends", ["part-time"]),
        ("near York", []),
    ],
)
def test_parse_modes(text: str, modes: List[str]) -> None:
    assert parse_modes(text) == modes


def test_part_time_accepts_evening_and_block_release_courses() -> None:
    assert catalogue_modes(["part-time"]) == {"part-time", "evening", "block-release"}


@pytest.mark.parametrize(
    ("text", "km"),
    [("within 20 miles of Selby", 32.2), ("15km", 15.0), ("10 mi", 16.1), ("near York", None)],
)
def test_parse_distance(text: str, km: Optional[float]) -> None:
    assert parse_distance_km(text) == km


def test_near_me_and_clearing() -> None:
    assert wants_near_me("something near me")
    assert wants_near_me("i can't travel far")
    assert wants_near_me("i want to stay local")
    assert not wants_near_me("near York")
    assert wants_no_constraints("anywhere is fine")
    assert not wants_no_constraints("part-time only")


@pytest.mark.parametrize(
    ("text", "rank"),
    [
        ("merit", 1.0),
        ("DMM", 4 / 3),
        ("Pass with at least MPP overall", 1 / 3),
        ("Pass the HNC with Merit overall", 1.0),
        ("nothing", None),
    ],
)
def test_grade_rank(text: str, rank: Optional[float]) -> None:
    assert grade_rank(text) == (pytest.approx(rank) if rank is not None else None)


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        ("actually I'd rather do cyber security", "cyber security"),
        ("changed my mind, I want to do nursing", "nursing"),
        ("I like fixing cars", "fixing cars"),
        ("I want to be a midwife", "midwife"),
        ("dog grooming", "dog grooming"),
        ("animals", "animals"),
    ],
)
def test_strip_lead_in(text: str, cleaned: str) -> None:
    assert strip_lead_in(text) == cleaned


@pytest.mark.parametrize(
    ("text", "expected"),
    [("not sure", True), ("no idea", True), ("dunno", True), ("robots", False)],
)
def test_dont_know(text: str, expected: bool) -> None:
    assert is_dont_know(text) is expected
