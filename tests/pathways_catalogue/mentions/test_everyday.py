"""EverydayWords: when an everyday word may name a course, subject or interest."""

from __future__ import annotations

import pytest
import spacy

from pathways_catalogue.mentions.everyday import EverydayWords


@pytest.fixture(scope="module")
def words() -> EverydayWords:
    return EverydayWords.load()


def span(text: str, words_in_span: str) -> tuple:
    """The doc of ``text`` and the token range of ``words_in_span`` in it."""
    doc = spacy.blank("en").make_doc(text)
    start_char = text.index(words_in_span)
    found = doc.char_span(start_char, start_char + len(words_in_span), alignment_mode="expand")
    assert found is not None
    return doc, found.start, found.end


@pytest.mark.parametrize(
    "text, value",
    [
        ("Uni - to go ahead & do a BA in Graphic Design", "Uni"),
        ("I am thinking about a career change", "career change"),
        ("the course has placements", "placements"),
    ],
)
def test_words_about_studying_itself_are_never_an_interest(
    words: EverydayWords, text: str, value: str
) -> None:
    doc, start, end = span(text, value)
    assert not words.stands(doc, start, end, "interest", about=True)


def test_an_acronym_in_another_form_needs_capitals(words: EverydayWords) -> None:
    doc, start, end = span("that have sent my wife and I on a journey", "sent")
    assert not words.stands(doc, start, end, "interest")
    doc, start, end = span("my son has SEND and wants to do animal care", "SEND")
    assert words.stands(doc, start, end, "interest")


def test_a_line_manager_is_nobodys_interest(words: EverydayWords) -> None:
    doc, start, end = span("my line manager says its down to me", "manager")
    assert not words.stands(doc, start, end, "interest", about=True)
    doc, start, end = span("i want to be a site manager on building sites", "site manager")
    assert words.stands(doc, start, end, "interest")


def test_a_trade_word_needs_context(words: EverydayWords) -> None:
    doc, start, end = span("i'm a qualified hands-on technician by trade", "technician")
    assert not words.stands(doc, start, end, "course")
    doc, start, end = span("i want to become a technician", "technician")
    assert words.stands(doc, start, end, "course")


@pytest.mark.parametrize(
    ("text", "value", "stands"),
    [
        ("I have applied and I am just waiting now", "applied", False),
        ("i love art and design", "art", True),
        ("I'm doing sport and it is hard", "sport", True),  # a study cue before it
    ],
)
def test_and_joins_two_names_only(words: EverydayWords, text: str, value: str,
                                  stands: bool) -> None:  # fmt: skip
    doc, start, end = span(text, value)
    assert words.stands(doc, start, end, "course") is stands
