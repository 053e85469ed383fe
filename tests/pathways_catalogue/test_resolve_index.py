"""The word index of the resolver: scanning its candidates finds what scanning everything finds."""

from __future__ import annotations

import itertools
import re
from typing import Dict, Iterator, List, Optional

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


@pytest.mark.parametrize(
    ("level", "institution", "town"), [(None, None, None), (3, None, None), (None, "X", "Y")]
)
def test_the_best_courses_are_those_of_scoring_every_course(
    gazetteer: Gazetteer, level: Optional[int], institution: Optional[str], town: Optional[str]
) -> None:
    index = gazetteer._index
    analyse = gazetteer._analyser.analyse
    courses = gazetteer.courses
    if institution:  # a real college and town of the test networks
        institution, town = courses[0]["institution_id"], courses[0]["town"]
    for text in texts(gazetteer):
        mention = analyse(text)
        every = [
            (index.score(mention, entry, level, institution, town), entry.index)
            for entry in index.entries
        ]
        every = [s for s in every if s[0] > 0.3]
        every.sort(key=lambda s: (-s[0], courses[s[1]]["level"], courses[s[1]]["title"], s[1]))
        assert index.best(mention, level, institution, town, 5) == every[:5], text


def test_the_candidates_hold_every_interest_that_fits(gazetteer: Gazetteer) -> None:
    topics = gazetteer._topics
    analyse = gazetteer._analyser.analyse
    for text in texts(gazetteer):
        content = analyse(text, places=False).content
        kept = {name for name, _terms in topics._interests_like(content)}
        for name, terms in topics.interests.items():
            if fit(content, terms) > 0:
                assert name in kept, (text, name)


def test_the_commonest_keywords_of_a_subject_come_first(gazetteer: Gazetteer) -> None:
    for subject in [None, *gazetteer._topics.subjects]:
        courses = [c for c in gazetteer.courses if subject is None or c["subject"] == subject]
        counts: Dict[str, int] = {}
        for course in courses:
            for keyword in course["keywords"]:
                counts[keyword] = counts.get(keyword, 0) + 1
        found = gazetteer.common_keywords(subject)
        assert len(found) == min(3, len(counts))
        assert [counts[k] for k in found] == sorted((counts[k] for k in found), reverse=True)
        if found:  # no keyword left out is commoner than the ones chosen
            assert all(n <= counts[found[-1]] for k, n in counts.items() if k not in found)
    assert gazetteer.common_keywords(None)  # the test networks have keywords
