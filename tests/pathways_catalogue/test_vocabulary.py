"""One vocabulary for levels, ordinals, study modes and grades."""

from __future__ import annotations

from typing import List, Optional, Set, Tuple

import pytest

from pathways_catalogue import vocabulary
from pathways_catalogue.contract import STUDY_MODES


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("level 3", 3), ("L3", 3), ("lvl three", 3), ("Level-4", 4), ("nvq 2", 2), ("3", 3),
        ("it's three", 3), ("im on level 2 bricklaying", 2), (3.0, 3), (2, 2),
        ("2 years", None), ("hnd", None), ("level 9", None), ("", None), (None, None),
        (True, None), (2.5, None),
    ],
)  # fmt: skip
def test_explicit_level(text: object, level: Optional[int]) -> None:
    assert vocabulary.explicit_level(text) == level


@pytest.mark.parametrize(
    ("text", "index"),
    [
        ("tell me more about the second one", 1), ("option 3", 2), ("the last one", -1),
        ("the top one", 0), ("what about number two", 1), ("2", 1), ("3rd", 2),
        ("in my first year", None), ("last night was fun", None), ("hello", None),
    ],
)  # fmt: skip
def test_find_ordinal(text: str, index: Optional[int]) -> None:
    assert vocabulary.find_ordinal(text) == index


def test_last_means_the_last_of_the_options_shown() -> None:
    assert vocabulary.option_index(vocabulary.LAST, 3) == 2
    assert vocabulary.option_index(1, 3) == 1
    assert vocabulary.ordinal_index("last") == vocabulary.LAST
    assert vocabulary.ordinal_index(2) == 1


@pytest.mark.parametrize(
    ("text", "modes"),
    [
        ("part time only", ["part-time"]), ("evenings", ["evening"]),
        ("day release", ["block-release"]), ("apprenticeship", ["work-based"]),
        ("online please", ["distance"]), ("weekends", ["part-time"]),
        ("full time", ["full-time"]), ("night classes or online", ["evening", "distance"]),
        ("hello", []), ("", []), ("is there something i can do alongside work", ["part-time"]),
        ("I didn't want to go away from home so I looked at courses", []),
        ("i need to study from home", ["distance"]),
        ("nursery nurses like me have given up our full-time salaries", []),
    ],
)  # fmt: skip
def test_modes_in(text: str, modes: List[str]) -> None:
    assert vocabulary.modes_in(text) == modes


def test_every_contract_mode_has_words_a_match_and_a_phrase() -> None:
    assert set(vocabulary.MODE_MATCHES) == set(STUDY_MODES)
    assert set(vocabulary.MODE_PHRASE) == set(STUDY_MODES)
    assert vocabulary.catalogue_modes(["part-time"]) >= {"part-time", "evening"}


@pytest.mark.parametrize(
    ("text", "rank"),
    [
        ("DMM", 4 / 3), ("merit", 1.0), ("pass", 0.0), ("distinction star", 3.0),
        ("Pass with at least MPP overall", 1 / 3), ("triple distinction", 2.0),
        ("no grade here", None), ("", None),
    ],
)  # fmt: skip
def test_grade_rank(text: str, rank: Optional[float]) -> None:
    found = vocabulary.grade_rank(text)
    assert found == pytest.approx(rank) if rank is not None else found is None


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Pass with at least PPP overall", True), ("Achieve DMM or above", True),
        ("Merit overall + portfolio", True), ("Pass at Distinction", True),
        ("Pass with at least MPP overall (64 UCAS points)", True),
        ("Pass the Access to HE Diploma with 112 points", True),
        ("Pass the Level 2 Diploma; GCSE maths at grade 4", True),
        ("Pass + GCSE English & Maths 4", True), ("Achieve a 2:1 or above", True),
        ("Pass the FdSc with an average of 50% or above", True),
        ("Pass the HNC; you join the second year of the HND", False),
        ("Pass the end-point assessment (any grade)", False),
        ("Pass the Access to HE Diploma (60 credits)", False),
        ("Pass the T Level overall", False), ("Pass the L2 Diploma", False), ("", False),
    ],
)  # fmt: skip
def test_names_grade(text: str, named: bool) -> None:
    assert vocabulary.names_grade(text) is named


@pytest.mark.parametrize(
    ("modes", "duration", "taught"),
    [
        (("part-time", "distance"), "1 yr, 2 evenings a week + online", {"part-time", "distance",
                                                                         "evening"}),
        (("part-time",), "2 years part-time (day release)", {"part-time"}),
        (("full-time",), "3 years full-time", {"full-time"}),
        (("part-time",), "1 year, taught online", {"part-time", "distance"}),
        ((), "", set()),
    ],
)  # fmt: skip
def test_taught_modes_add_what_the_duration_describes(
    modes: Tuple[str, ...], duration: str, taught: Set[str]
) -> None:
    assert vocabulary.taught_modes(modes, duration) == taught
