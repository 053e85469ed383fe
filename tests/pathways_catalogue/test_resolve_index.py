"""The word index of the resolver: scanning its candidates finds what scanning everything finds."""

from __future__ import annotations

import itertools
import re
from typing import Iterator, List

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from pathways_catalogue.resolve import Gazetteer
from pathways_catalogue.resolve.analysis import Tok
from pathways_catalogue.resolve.matching import TermIndex, fit
from pathways_catalogue.service import import_folder
from tests.conftest import SECOND_NETWORK, TEST_DATA

MINI = TEST_DATA / "networks" / "mini"


def word(text: str, alt: str = "") -> Tok:
    """A content word."""
    return Tok(text, "word", alt=alt)


def test_an_item_is_found_by_a_word_of_its_family_and_by_a_synonym() -> None:
    index = TermIndex()
    index.add(0, ["robotics", "engineering"])
    index.add(1, ["art", "design"])
    index.add(2, ["#computing"])
    assert index.candidates([word("robot")]) == [0]  # "robot" -> "robotics"
    assert index.candidates([word("engineer")]) == [0]
    assert index.candidates([word("art")]) == [1]
    assert index.candidates([word("arts")]) == []  # too short to be of a family
    assert index.candidates([word("#computing", alt="it")]) == [2]
    assert index.candidates([word("design"), word("robotic")]) == [0, 1]
    assert index.candidates([word("nursing")]) == []


@pytest.fixture
def gazetteer(engine: Engine) -> Iterator[Gazetteer]:
    """Two test networks, never in the training data."""
    import_folder(engine, MINI)
    import_folder(engine, SECOND_NETWORK)
    with Session(engine, future=True) as session:
        yield Gazetteer.from_session(session, include_qualifications=False)


def texts(gazetteer: Gazetteer) -> List[str]:
    """Every word and word pair of the courses' titles, subjects and keywords, and misspellings."""
    found = set()
    for course in gazetteer.courses:
        for part in [course["title"], course["subject"], *course["keywords"]]:
            words = re.findall(r"[a-z0-9]+", part.lower())
            found.update(words)
            found.update(" ".join(pair) for pair in itertools.pairwise(words))
            found.update(w[:-1] for w in words if len(w) > 5)  # "enginering"-like cuts
            found.update(w + "s" for w in words)
    return sorted(found | {"robots", "building things", "caring for people", "it", "l3"})


def test_the_candidates_hold_every_course_that_scores(gazetteer: Gazetteer) -> None:
    index = gazetteer._index
    analyse = gazetteer._analyser.analyse
    for text in texts(gazetteer):
        mention = analyse(text)
        kept = {entry.index for entry in index.candidates(mention)}
        for entry in index.entries:
            if index.score(mention, entry, None, None, None) > 0:
                assert entry.index in kept, (text, gazetteer.courses[entry.index]["title"])


def test_the_candidates_hold_every_interest_that_fits(gazetteer: Gazetteer) -> None:
    topics = gazetteer._topics
    analyse = gazetteer._analyser.analyse
    for text in texts(gazetteer):
        content = analyse(text, places=False).content
        kept = {name for name, _terms in topics._interests_like(content)}
        for name, terms in topics.interests.items():
            if fit(content, terms) > 0:
                assert name in kept, (text, name)
