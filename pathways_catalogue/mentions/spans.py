"""Token-level helpers: edge words, candidate windows, trimming and splitting spans."""

from __future__ import annotations

from typing import TYPE_CHECKING, List, Optional, Sequence, Set, Tuple

from pathways_catalogue.mentions.everyday import everyday_words
from pathways_catalogue.resolve import CONNECTORS, FILLER_WORDS, is_dictionary_word
from pathways_catalogue.text import STOP_WORDS, lemma

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: words before a town that make a dictionary word ("march") a place
LOCATIVES = frozenset({"near", "in", "around", "from", "at", "of", "to", "nr", "outside", "by"})
#: words that say a name is a college or university ("lindum uni")
INSTITUTION_NOUNS = frozenset(
    {"college", "uni", "university", "campus", "centre", "center", "academy", "school"}
)
#: tokens that may sit inside a course name
COURSE_LINKS = CONNECTORS | {"-", "'s", "(", ")", "&", "/"}


def split_on_and(doc: Doc, start: int, end: int) -> List[Tuple[int, int]]:
    """The parts of a span between "and", "or" and commas ("cranes and shipping")."""
    parts, begin = [], start
    for i in range(start, end):
        if doc[i].lower_ in ("and", "or", ",", "&"):
            if begin < i:
                parts.append((begin, i))
            begin = i + 1
    if begin < end:
        parts.append((begin, end))
    return parts


def is_edge_word(word: str) -> bool:
    """Words a name does not start or end with ("the", "in", "done", "-")."""
    return (
        word in STOP_WORDS
        or lemma(word) in STOP_WORDS
        or word in FILLER_WORDS
        or word in COURSE_LINKS
        or not any(c.isalnum() for c in word)
    )


def looks_like_place(doc: Doc, start: int) -> bool:
    """A town name that is also a word ("March") needs a capital or "near", "in"..."""
    token = doc[start]
    if not is_dictionary_word(token.lower_):
        return True
    return token.text[:1].isupper() or (start > 0 and doc[start - 1].lower_ in LOCATIVES)


def _edge(token: Token) -> bool:
    """An edge word (:func:`is_edge_word`), unless an acronym in capitals ("IT", "PE")."""
    if token.text.isupper() and len(token.text) > 1 and (
        token.lower_ in everyday_words().acronyms
    ):
        return False
    return is_edge_word(token.lower_)


def windows(doc: Doc, taken: Set[int], size: int) -> List[Tuple[int, int]]:
    """Token windows (longest first) of words, not starting or ending on a stop word."""
    out = []
    for width in range(size, 0, -1):
        for start in range(0, len(doc) - width + 1):
            end = start + width
            if any(i in taken for i in range(start, end)):
                continue
            if _edge(doc[start]) or _edge(doc[end - 1]):
                continue
            if not all(any(c.isalpha() for c in t.text) or t.text in "&-'" for t in doc[start:end]):
                continue
            out.append((start, end))
    return out


def trim(
    doc: Doc, start: int, end: int, roles: Sequence[Optional[str]], levels: Set[int]
) -> Optional[Tuple[int, int]]:
    """A course span without the levels and linking words at its edges."""
    def edge(i: int) -> bool:
        return i in levels or (roles[i] not in ("content", "qual") and is_edge_word(doc[i].lower_))

    while start < end and edge(start):
        start += 1
    while end > start and edge(end - 1):
        end -= 1
    if start >= end:
        return None
    if doc[end - 1].text != ")" and end < len(doc) and doc[end].text == ")":
        if "(" in doc[start:end].text:
            end += 1
    return start, end
