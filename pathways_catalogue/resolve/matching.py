"""How alike words are, and the scores that rank what a mention may name."""

from __future__ import annotations

from typing import Dict, FrozenSet, Iterable, List, Sequence, Set, Tuple

from pathways_catalogue.resolve.analysis import Tok

#: suffixes that make a longer word of the same family ("robot" -> "robotics")
DERIVED_SUFFIXES: Tuple[str, ...] = (
    "s", "es", "ic", "ics", "al", "ical", "ing", "er", "ery", "ry", "y", "ist", "ian",
    "ation", "ion", "ment", "ive", "ure",
)  # fmt: skip
#: similarity of a word to a longer word of its family
DERIVED_SIMILARITY = 0.85
#: similarity of two different names of one subject ("IT", "computing")
SYNONYM_SIMILARITY = 0.95
#: highest score of a name that is not an exact match of a title, alias or short form
EXACT_BELOW = 0.95
#: score of an exact match of a generated short form ("l3 engineering")
SHORT_FORM_SCORE = 0.97
#: families a learner on such a course usually says ("apprenticeship", "access")...
DISTINCTIVE: FrozenSet[str] = frozenset(
    {"apprenticeship", "access", "t level", "top-up", "degree apprenticeship"}
)
#: ...so a course of such a family the learner did not name ranks a little lower,
UNSAID_FAMILY = 0.98
#: and one of another such family than the one named ranks much lower
OTHER_FAMILY = 0.7
#: how much a course keyword says about the course's subject, against its name
KEYWORD_EVIDENCE = 0.8
#: score of a mention that names only a kind of qualification with a level ("the HND")
QUALIFICATION_ONLY = 0.6
#: how much better an Ofqual title must fit than the best course to be listed first
GAZETTEER_MARGIN = 0.1
#: best catalogue score under which the Ofqual gazetteer is also searched
GAZETTEER_BELOW = 0.8
#: Ofqual entries scored at most, per query
MAX_GAZETTEER_POOL = 4000


def similarity(a: str, b: str) -> float:
    """How alike two lemmas are: 1 if equal, 0.85 for one family ("robot", "robotics")."""
    if a == b:
        return 1.0
    if a.startswith("#") or b.startswith("#"):
        return 0.0
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= 5 and long_.startswith(short) and long_[len(short) :] in DERIVED_SUFFIXES:
        return DERIVED_SIMILARITY
    return 0.0


def best_similarity(word: Tok, terms: FrozenSet[str]) -> float:
    """Best similarity of ``word`` to ``terms``; a synonym of other words scores 0.95."""
    if word.alt:
        if word.alt in terms:
            return 1.0
        return SYNONYM_SIMILARITY if word.text in terms else 0.0
    if word.text in terms:
        return 1.0
    return max((similarity(word.text, term) for term in terms), default=0.0)


def fit(words: Sequence[Tok], terms: Sequence[Tok], strict: bool = False) -> float:
    """Harmonic mean of how much of ``words`` the ``terms`` explain, and vice versa.

    With ``strict``, 0 unless every one of ``words`` matches one of ``terms``.
    """
    if not words or not terms:
        return 0.0
    best = [max(similarity(w.text, t.text) for t in terms) * w.weight for w in words]
    if strict and not all(best):
        return 0.0
    precision = sum(best) / len(words)
    coverage = sum(
        max(similarity(w.text, t.text) * w.weight for w in words) for t in terms
    ) / len(terms)
    if not precision or not coverage:
        return 0.0
    return 2 * precision * coverage / (precision + coverage)


#: how many first letters a word shares with every word of its family (``similarity``
#: needs the shorter word to have at least this many)
FAMILY_PREFIX = 5


def _index_keys(term: str) -> Tuple[str, ...]:
    """The keys a term is filed under: itself, and its first letters if it has a family."""
    if len(term) >= FAMILY_PREFIX and not term.startswith("#"):
        return (term, "~" + term[:FAMILY_PREFIX])
    return (term,)


class TermIndex:
    """Which items (numbered) have a term that some word of a text may be like.

    Every pair of words with a similarity above 0 (:func:`similarity`, and
    :func:`best_similarity` with a synonym's words) is either the same word or two
    words of at least :data:`FAMILY_PREFIX` letters that share them, so an item none of
    whose terms is filed under a key of the text's words scores 0 against it:
    scanning :meth:`candidates` instead of every item gives the same scores above 0,
    at a fraction of the cost on a large catalogue.
    """

    def __init__(self) -> None:
        self._items: Dict[str, List[int]] = {}

    def add(self, item: int, terms: Iterable[str]) -> None:
        """File ``item`` under each of its ``terms``."""
        for key in {key for term in terms for key in _index_keys(term)}:
            self._items.setdefault(key, []).append(item)

    def hits(self, words: Iterable[Tok]) -> Dict[int, float]:
        """For each item that may score above 0, the summed weight of the words like its terms."""
        found: Dict[int, float] = {}
        for word in words:
            items: Set[int] = set()
            for key in self._keys_of(word):
                items.update(self._items.get(key, ()))
            for item in items:
                found[item] = found.get(item, 0.0) + word.weight
        return found

    @staticmethod
    def _keys_of(word: Tok) -> Tuple[str, ...]:
        keys = _index_keys(word.text)
        return (*keys, word.alt) if word.alt else keys

    def candidates(self, words: Iterable[Tok]) -> List[int]:
        """The items that may score above 0 against ``words``, by number."""
        return sorted(self.hits(words))
