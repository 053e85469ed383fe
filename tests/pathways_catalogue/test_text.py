"""Text normalisation: lemmas agree with spaCy, typos and prefixes are forgiven."""

from __future__ import annotations

import pytest

from pathways_catalogue.text import lemma, match_terms, terms, word_similarity

WORDS = ["robots", "children", "cars", "nursing", "studies", "engineers", "babies", "fixing"]


def test_lemmas_match_spacy_blank_english_lookup_lemmatizer() -> None:
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    doc = nlp(" ".join(WORDS))
    assert [lemma(w) for w in WORDS] == [t.lemma_ for t in doc]


def test_terms_drop_stop_words_and_lemmatise() -> None:
    assert terms("I like fixing cars and Robots") == ["fix", "car", "robot"]


@pytest.mark.parametrize(
    "a, b, expected",
    [
        ("robot", "robot", 1.0),
        ("robot", "robotic", 0.9),
        ("enginering", "engineering", 0.8),
        ("art", "martial", 0.0),
        ("care", "car", 0.0),
        ("nurse", "midwife", 0.0),
    ],
)
def test_word_similarity(a: str, b: str, expected: float) -> None:
    assert word_similarity(a, b) == expected


def test_match_terms_scores_coverage() -> None:
    score, pairs = match_terms(["robot", "electronic"], ["robotic", "maintenance"])
    assert score == pytest.approx(0.45)
    assert pairs == [("robot", "robotic")]
    assert match_terms([], ["x"]) == (0.0, [])


def test_learners_shorthand_for_electrical_courses() -> None:
    from pathways_catalogue.resolve.shorthand import shorthand

    expansions = shorthand().expansions
    assert expansions[("2365",)] == ("electrical", "installation")
    assert expansions[("electrics",)] == ("electrical",)
