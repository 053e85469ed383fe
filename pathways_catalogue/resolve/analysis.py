"""The text pipeline: typo correction, shorthand, levels, places, lemmas and phrases.

:class:`Analyser` runs learner text and catalogue names alike through the steps of the
:mod:`pathways_catalogue.resolve` docstring and returns an :class:`Analysis`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Dict, FrozenSet, List, Optional, Sequence, Tuple

from rapidfuzz import process
from rapidfuzz.distance import OSA

from pathways_catalogue.resolve.levels import LEVEL_TOKEN_RE, LEVEL_WORDS, NUMBERED
from pathways_catalogue.resolve.shorthand import (
    FILLER_WORDS,
    TOKEN_RE,
    Shorthand,
    clean,
    dictionary_words,
)
from pathways_catalogue.text import STOP_WORDS, lemma

if TYPE_CHECKING:
    from pathways_catalogue.resolve.places import Place

#: weight of a word after a typo correction of 1, 2 or 3 edits
CORRECTION_WEIGHT = {0: 1.0, 1: 0.9, 2: 0.85, 3: 0.8}


@dataclass(frozen=True)
class Tok:
    """One unit of analysed text.

    ``kind`` is "word" (a lemma, or "#group" for a synonym group), "qual" (a
    qualification family), "level" (a digit), "inst" (an institution code), "town" or
    "stop" (a stop or filler word, kept for exact comparisons only).
    """

    text: str
    kind: str
    weight: float = 1.0
    #: for a synonym group, the words actually used ("information technology")
    alt: str = ""
    #: the words of the text this unit stands for
    surface: str = ""


@dataclass(frozen=True)
class Analysis:
    """Text after the pipeline of the module docstring."""

    toks: Tuple[Tok, ...]

    @property
    def content(self) -> List[Tok]:
        """Content words: what the course, subject or interest is about."""
        return [t for t in self.toks if t.kind == "word"]

    @property
    def quals(self) -> FrozenSet[str]:
        """Qualification families named."""
        return frozenset(t.text for t in self.toks if t.kind == "qual")

    @property
    def levels(self) -> List[int]:
        """Levels named explicitly ("L3", "level three")."""
        return [int(t.text) for t in self.toks if t.kind == "level"]

    def first(self, kind: str) -> Optional[str]:
        """The first unit of ``kind`` ("inst", "town"), if any."""
        return next((t.text for t in self.toks if t.kind == kind), None)

    @property
    def key(self) -> str:
        """A normal form for exact comparison of two names (word order ignored)."""
        return " ".join(
            sorted(t.alt or t.text for t in self.toks if t.kind in ("word", "qual", "level"))
        )


def _allowed_edits(word: str) -> int:
    if len(word) < 4 or not word.isalpha():
        return 0
    if len(word) <= 5:
        return 1
    return 2 if len(word) <= 10 else 3


class Analyser:
    """The pipeline, over the vocabulary and place index a :class:`Gazetteer` builds."""

    qualifications: List[List[Any]]
    _shorthand: Shorthand
    _known: FrozenSet[str]
    _vocabulary: List[str]
    _secondary: Optional[List[str]]
    _place_index: Dict[Tuple[str, ...], Tuple[str, Place, float]]
    _max_place: int

    def correct(self, word: str) -> Tuple[str, int]:
        """Return ``word`` or the catalogue word it misspells, and the edits made."""
        if word in self._known or word in dictionary_words() or word in STOP_WORDS:
            return word, 0
        allowed = _allowed_edits(word)
        if not allowed:
            return word, 0
        for vocabulary in (self._vocabulary, self._secondary_vocabulary()):
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

    def _secondary_vocabulary(self) -> List[str]:
        if self._secondary is None:
            counts: Dict[str, int] = {}
            for title, *_rest in self.qualifications:
                for word in TOKEN_RE.findall(clean(str(title))):
                    if len(word) >= 4 and word.isalpha() and word not in self._known:
                        counts[word] = counts.get(word, 0) + 1
            self._secondary = sorted(counts, key=lambda w: (-counts[w], w))
        return self._secondary

    def analyse(
        self, text: str, places: bool = True, strict: bool = False, correct: bool = True
    ) -> Analysis:
        """Run ``text`` through the pipeline of the module docstring.

        Args:
            text: any text.
            places: set institution and town names apart (else they are content).
            strict: read everyday words that are also shorthand ("it") as shorthand
                only when written in capitals or after a qualification word.
            correct: correct typos (learner text); catalogue names need not.

        """
        sh = self._shorthand
        raw = TOKEN_RE.findall(clean(text))
        capitals = {w.lower() for w in re.findall(r"\b[A-Z]{2,}\b", text)}
        words: List[Tuple[str, float]] = []
        for word in raw:
            fixed, edits = self.correct(word) if correct else (word, 0)
            words.append((fixed, CORRECTION_WEIGHT.get(edits, 0.8)))
        # shorthand expansion, longest first
        expanded: List[Tuple[str, float]] = []
        i = 0
        while i < len(words):
            for size in range(min(sh.max_phrase, len(words) - i), 0, -1):
                key = tuple(w for w, _ in words[i : i + size])
                value = sh.expansions.get(key)
                if value is None or tuple(w for w, _ in words[i : i + len(value)]) == value:
                    continue
                if strict and size == 1 and key[0] in sh.ambiguous and key[0] not in capitals:
                    before = expanded[-1][0] if expanded else ""
                    if before not in sh.qual_single and not LEVEL_TOKEN_RE.match(before):
                        continue
                weight = min(w for _, w in words[i : i + size])
                expanded.extend((v, weight) for v in value)
                i += size
                break
            else:
                expanded.append(words[i])
                i += 1
        toks: List[Tok] = []
        i = 0
        while i < len(expanded):
            word, weight = expanded[i]
            nxt = expanded[i + 1][0] if i + 1 < len(expanded) else ""
            found = LEVEL_TOKEN_RE.match(word)
            if found:
                toks.append(Tok(found.group(1), "level", weight))
                i += 1
                continue
            if word in NUMBERED and nxt.isdigit() and len(nxt) == 1 and nxt != "0":
                toks.extend([Tok(word, "raw", weight), Tok(nxt, "level", weight)])
                i += 2
                continue
            if word in LEVEL_WORDS and (nxt in sh.numbers or (nxt.isdigit() and len(nxt) == 1)):
                number = sh.numbers.get(nxt) or int(nxt)
                if 1 <= number <= 8:
                    toks.append(Tok(str(number), "level", weight))
                    i += 2
                    continue
            if places:
                place = self._place_at(expanded, i)
                if place is not None:
                    kind, target, size = place
                    toks.append(Tok(target.key, kind, weight))
                    i += size
                    continue
            toks.append(Tok(word, "raw", weight))
            i += 1
        return Analysis(tuple(self._phrases(toks)))

    def _place_at(
        self, words: Sequence[Tuple[str, float]], start: int
    ) -> Optional[Tuple[str, Place, int]]:
        for size in range(min(self._max_place, len(words) - start), 0, -1):
            key = tuple(w for w, _ in words[start : start + size])
            hit = self._place_index.get(key)
            if hit is not None:
                return hit[0], hit[1], size
        return None

    def _phrases(self, toks: List[Tok]) -> List[Tok]:
        """Lemmatise raw words, then read qualification families and synonyms."""
        sh = self._shorthand
        lemmas = [lemma(t.text) if t.kind == "raw" else "" for t in toks]
        out: List[Tok] = []
        i = 0
        limit = sh.max_phrase
        while i < len(toks):
            tok = toks[i]
            if tok.kind != "raw":
                out.append(tok)
                i += 1
                continue
            for size in range(min(limit, len(toks) - i), 0, -1):
                span = toks[i : i + size]
                if any(t.kind != "raw" for t in span):
                    continue
                hit = sh.phrases.get(tuple(lemmas[i : i + size]))
                if hit is None:
                    continue
                kind, value = hit
                weight = min(t.weight for t in span)
                words = " ".join(t.text for t in span)
                if kind == "qual":
                    out.append(Tok(value, "qual", weight, surface=words))
                else:
                    alt = " ".join(lemmas[i : i + size])
                    out.append(Tok(value, "word", weight, alt, surface=words))
                i += size
                break
            else:
                word = lemmas[i]
                stop = tok.text in STOP_WORDS or word in STOP_WORDS or tok.text in FILLER_WORDS
                kind = "stop" if stop or tok.text.isdigit() else "word"
                out.append(Tok(word, kind, tok.weight, surface=tok.text))
                i += 1
        return out
