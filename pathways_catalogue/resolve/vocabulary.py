"""The words typos are corrected towards, and typo correction itself."""

from __future__ import annotations

from typing import Any, Dict, FrozenSet, List, Optional, Sequence, Tuple

from rapidfuzz import process
from rapidfuzz.distance import OSA

from pathways_catalogue.resolve.places import Places
from pathways_catalogue.resolve.shorthand import Shorthand, dictionary_words, tokens
from pathways_catalogue.text import STOP_WORDS

#: weight of a word after a typo correction of 1, 2 or 3 edits
CORRECTION_WEIGHT = {0: 1.0, 1: 0.9, 2: 0.85, 3: 0.8}


def _allowed_edits(word: str) -> int:
    if len(word) < 4 or not word.isalpha():
        return 0
    if len(word) <= 5:
        return 1
    return 2 if len(word) <= 10 else 3


class Vocabulary:
    """The catalogue's words (most frequent first) and the Ofqual titles' words.

    Misspelt words are corrected towards the catalogue's words first, then towards the
    words of the Ofqual titles (gathered on first use: thousands of titles).
    """

    def __init__(
        self,
        courses: Sequence[Dict[str, Any]],
        places: Places,
        shorthand: Shorthand,
        qualifications: Sequence[Sequence[Any]],
    ) -> None:
        counts: Dict[str, int] = {}
        for course in courses:
            for part in [course["title"], course["subject"], *course["aliases"]]:
                for word in tokens(part):
                    counts[word] = counts.get(word, 0) + 1
            for part in course["keywords"]:
                for word in tokens(part):
                    counts[word] = counts.get(word, 0) + 1
        for place in [*places.institutions, *places.towns]:
            for words, _score in place.phrases:
                for word in words:
                    counts[word] = counts.get(word, 0) + 1
        for word in shorthand.words:
            counts[word] = counts.get(word, 0) + 1
        #: the words typos are corrected towards, most frequent first
        self.words: List[str] = sorted(
            (w for w in counts if len(w) >= 3 and w.isalpha()), key=lambda w: (-counts[w], w)
        )
        #: every word of the catalogue and of ``abbreviations.yml`` (never corrected)
        self.known: FrozenSet[str] = frozenset(counts)
        self._qualifications = qualifications
        self._secondary: Optional[List[str]] = None

    def secondary(self) -> List[str]:
        """Words of the Ofqual titles the catalogue does not use, most frequent first."""
        if self._secondary is None:
            counts: Dict[str, int] = {}
            for title, *_rest in self._qualifications:
                for word in tokens(str(title)):
                    if len(word) >= 4 and word.isalpha() and word not in self.known:
                        counts[word] = counts.get(word, 0) + 1
            self._secondary = sorted(counts, key=lambda w: (-counts[w], w))
        return self._secondary

    def correct(self, word: str) -> Tuple[str, int]:
        """Return ``word`` or the catalogue word it misspells, and the edits made."""
        if word in self.known or word in dictionary_words() or word in STOP_WORDS:
            return word, 0
        allowed = _allowed_edits(word)
        if not allowed:
            return word, 0
        for vocabulary in (self.words, self.secondary()):
            found = process.extractOne(
                word,
                vocabulary,
                scorer=OSA.distance,
                score_cutoff=allowed,
                processor=None,
            )
            if found is not None and found[0][:1] == word[:1]:
                return str(found[0]), int(found[1])
        return word, 0
