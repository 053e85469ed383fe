"""Courses and Ofqual titles analysed for scoring, and how a mention scores against one.

:class:`CourseIndex` analyses every catalogue course once (its title, aliases and
generated short forms such as "ext dip engineering" or "L3 engineering") and the Ofqual
titles on first use, and scores a learner's mention against any of them.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any, Dict, FrozenSet, List, Optional, Sequence, Set, Tuple

from pathways_catalogue.resolve.analyser import Analyser
from pathways_catalogue.resolve.analysis import Analysis, Tok
from pathways_catalogue.resolve.matching import (
    DISTINCTIVE,
    EXACT_BELOW,
    OTHER_FAMILY,
    SHORT_FORM_SCORE,
    UNSAID_FAMILY,
    TermIndex,
    best_similarity,
    similarity,
)
from pathways_catalogue.resolve.shorthand import (
    AWARDING_BODY,
    CONNECTORS,
    FILLER_WORDS,
    tokens,
)
from pathways_catalogue.text import STOP_WORDS


@dataclass
class CourseEntry:
    """A course or Ofqual title, analysed for scoring."""

    index: int
    terms: FrozenSet[str]
    names: List[FrozenSet[str]]
    quals: FrozenSet[str]
    keys: FrozenSet[str]
    level: Optional[int]
    #: keys of generated short forms (a little weaker than written names)
    short_keys: FrozenSet[str] = frozenset()
    #: words of the course's keywords (interests), weak evidence of its subject
    keyword_terms: FrozenSet[str] = frozenset()
    institution: Optional[str] = None
    town: Optional[str] = None


#: the Ofqual titles analysed, and the positions of the titles using each word
OfqualIndex = Tuple[List[CourseEntry], Dict[str, List[int]]]


class CourseIndex:
    """The catalogue's courses (and the Ofqual titles) as entries to score mentions against."""

    def __init__(
        self,
        analyser: Analyser,
        courses: Sequence[Dict[str, Any]],
        qualifications: Sequence[Sequence[Any]],
    ) -> None:
        self._analyser = analyser
        #: the catalogue's courses, as the gazetteer holds them
        self.courses = courses
        #: the Ofqual titles: [title, level, qualification type, subject]
        self.qualifications = qualifications
        #: one entry per course, in the order of ``courses``
        self.entries: List[CourseEntry] = [self._entry(i, c) for i, c in enumerate(courses)]
        #: the entries by the words of their names, subjects and keywords, and by their keys
        self._by_term = TermIndex()
        self._by_key: Dict[str, List[int]] = {}
        for entry in self.entries:
            self._by_term.add(
                entry.index, itertools.chain(entry.terms, entry.keyword_terms, *entry.names)
            )
            for key in entry.keys | entry.short_keys:
                self._by_key.setdefault(key, []).append(entry.index)
        self._terms = frozenset(t for e in self.entries for t in e.terms)
        self._word_cache: Dict[str, bool] = {}
        qual_single = analyser.shorthand.qual_single
        self._surface = frozenset(
            word
            for course in courses
            for part in [course["title"], course["subject"], *course["aliases"]]
            for word in tokens(part)
            if word not in STOP_WORDS and word not in CONNECTORS and not word.isdigit()
            and word not in qual_single and len(word) > 2
        )
        #: two words that follow each other in a course's title, subject or alias
        #: ("early years", "social care"), for a word that names a course only after
        #: the one before it
        self._pairs = frozenset(
            pair
            for course in courses
            for part in [course["title"], course["subject"], *course["aliases"]]
            for pair in _word_pairs(tokens(part))
        )
        self._ofqual: Optional[OfqualIndex] = None

    # ------------------------------------------------------------ catalogue courses

    def _entry(self, index: int, course: Dict[str, Any]) -> CourseEntry:
        analyse = self._analyser.analyse
        names = [course["title"], *course["aliases"], *self.short_forms(course)]
        analyses = [analyse(n, correct=False) for n in names]
        written = 1 + len(course["aliases"])
        subject = analyse(course["subject"], correct=False)
        qualification = analyse(course["qualification"], correct=False)
        terms: Set[str] = set()
        quals: Set[str] = set()
        for analysis in [*analyses[:written], subject]:
            terms.update(t.text for t in analysis.content)
            terms.update(t.alt for t in analysis.content if t.alt)
        for analysis in [analyses[0], qualification]:
            quals.update(analysis.quals)
        return CourseEntry(
            index=index,
            terms=frozenset(terms),
            names=[frozenset(t.text for t in a.content) for a in analyses],
            quals=self._analyser.shorthand.close(quals),
            keys=frozenset(a.key for a in analyses[:written] if a.key),
            short_keys=frozenset(a.key for a in analyses[written:] if a.key),
            keyword_terms=frozenset(
                t.text
                for keyword in course["keywords"]
                for t in analyse(keyword, places=False, correct=False).content
            ),
            level=int(course["level"]),
            institution=course["institution_id"],
            town=(course["town"] or "").lower() or None,
        )

    def short_forms(self, course: Dict[str, Any]) -> List[str]:
        """Generated names: "ext dip engineering", "L3 engineering", "btec engineering"."""
        analyser = self._analyser
        phrase = analyser.subject_phrase(course["title"])
        if not phrase or len(phrase.split()) > 4:
            return []
        level = course["level"]
        forms = [f"level {level} {phrase}", f"l{level} {phrase}", f"{phrase} level {level}"]
        quals = analyser.shorthand.close(
            analyser.analyse(course["title"], correct=False).quals
            | analyser.analyse(course["qualification"], correct=False).quals
        )
        for family in sorted(quals):
            if family.startswith(AWARDING_BODY) or family in ("diploma", "certificate", "award"):
                continue
            if family == "apprenticeship":
                forms.append(f"{phrase} apprenticeship")
            else:
                forms.append(f"{family} {phrase}")
        return forms

    def is_course_word(self, word: str, after_qualification: bool = False) -> bool:
        """Whether ``word`` may be part of a course name ("enginering", "mv", "h&sc", "IT")."""
        lower = word.lower()
        if lower in self._analyser.shorthand.ambiguous:
            return word.isupper() or after_qualification
        if lower in STOP_WORDS or lower in CONNECTORS or lower in FILLER_WORDS:
            return False
        if lower in self._surface:
            return True
        known = self._word_cache.get(lower)
        if known is None:
            content = self._analyser.analyse(lower, places=False).content
            terms = self._terms
            known = bool(content) and all(best_similarity(t, terms) > 0 for t in content)
            self._word_cache[lower] = known
        return known

    def is_course_pair(self, first: str, second: str) -> bool:
        """Whether the two words follow each other in a course's name ("early years")."""
        return (first.lower(), second.lower()) in self._pairs

    # ------------------------------------------------------------ Ofqual titles

    @property
    def has_ofqual(self) -> bool:
        """Whether the Ofqual index is built (or was given) already."""
        return self._ofqual is not None

    def adopt_ofqual(self, index: OfqualIndex) -> None:
        """Use ``index`` (stored by :mod:`.ofqual_cache`) instead of analysing the titles."""
        self._ofqual = index

    def ofqual(self) -> OfqualIndex:
        """The Ofqual titles, analysed on first use (thousands of them)."""
        if self._ofqual is None:
            analyse = self._analyser.analyse
            entries: List[CourseEntry] = []
            index: Dict[str, List[int]] = {}
            for position, (title, level, _kind, subject) in enumerate(self.qualifications):
                analysis = analyse(title, places=False, correct=False)
                terms = frozenset(t.text for t in analysis.content) | frozenset(
                    t.alt for t in analysis.content if t.alt
                )
                subject_terms = frozenset(
                    t.text for t in analyse(subject or "", places=False, correct=False).content
                )
                entries.append(
                    CourseEntry(
                        index=position,
                        terms=terms,
                        names=[terms, subject_terms],
                        quals=self._analyser.shorthand.close(analysis.quals),
                        keys=frozenset({analysis.key}),
                        level=int(level) if level is not None else None,
                    )
                )
                for tok in analysis.content:
                    index.setdefault(tok.text, []).append(position)
            self._ofqual = (entries, index)
        return self._ofqual

    def best(
        self,
        mention: Analysis,
        level: Optional[int],
        institution: Optional[str],
        town: Optional[str],
        limit: int,
    ) -> List[Tuple[float, int]]:
        """The ``limit`` best (score, entry index) scoring above 0.3, best first.

        Ranked by score, then level, title and catalogue order. Entries are scored in
        the order of an upper bound of their score (:meth:`_bound`), and scoring stops
        when no entry left can reach the last of the ``limit`` best: on a large
        catalogue, where thousands of courses share a word such as "engineering", the
        college, town or level named rule most of them out unscored. The result is the
        one scoring every entry gives.
        """
        hits = self._by_term.hits(mention.content)
        keyed = set(self._by_key.get(mention.key, ())) if mention.key else set()
        bounds = sorted(
            ((self._bound(mention, i, hits, keyed, level, institution, town), i)
             for i in set(hits) | keyed),
            key=lambda b: -b[0],
        )  # fmt: skip
        rank = self._rank
        best: List[Tuple[float, int]] = []
        for bound, index in bounds:
            if bound <= 0.3 or (len(best) >= limit and bound + 1e-4 < best[-1][0]):
                break  # no entry left scores above 0.3, or reaches the last of the best
            score = self.score(mention, self.entries[index], level, institution, town)
            if score > 0.3:
                best.append((score, index))
                best.sort(key=rank)
                del best[limit:]
        return best

    def _rank(self, scored: Tuple[float, int]) -> Tuple[float, int, str, int]:
        course = self.courses[scored[1]]
        return (-scored[0], course["level"], course["title"], scored[1])

    def _bound(
        self,
        mention: Analysis,
        index: int,
        hits: Dict[int, float],
        keyed: Set[int],
        level: Optional[int],
        institution: Optional[str],
        town: Optional[str],
    ) -> float:
        """At least :meth:`score`: every word hit counts as an exact match, names as covered."""
        words = len(mention.content)
        bound = EXACT_BELOW * (0.75 * hits.get(index, 0.0) / words + 0.25) if words else 0.0
        if index in keyed:
            bound = 1.0
        return min(_as_named(bound, self.entries[index], level, institution, town), 1.0)

    def entries_like(self, words: Sequence[Tok]) -> List[CourseEntry]:
        """The entries with a title, subject or keyword word like one of ``words``, in order."""
        return [self.entries[i] for i in self._by_term.candidates(words)]

    # ------------------------------------------------------------ scoring

    def score(
        self,
        mention: Analysis,
        entry: CourseEntry,
        level: Optional[int],
        institution: Optional[str],
        town: Optional[str],
    ) -> float:
        """How well ``mention`` names ``entry`` (0..1), given the level and place named."""
        content = mention.content
        # a name made only of qualification words ("fdeng") names no course exactly
        exact = bool(content) and bool(mention.key) and mention.key in entry.keys
        if not content and not exact:
            return 0.0
        score = _content_score(content, entry)
        weight = min((t.weight for t in mention.toks if t.kind != "stop"), default=1.0)
        if exact:
            score = max(score, weight)
        elif mention.key and mention.key in entry.short_keys:
            score = max(score, SHORT_FORM_SCORE * weight)
        qual_levels = self._analyser.shorthand.qual_levels
        for qual in mention.quals:
            if qual in entry.quals:
                continue
            implied = qual_levels.get(qual)
            if qual.startswith(AWARDING_BODY):
                score *= 0.97
            elif qual in DISTINCTIVE and DISTINCTIVE & entry.quals:
                score *= OTHER_FAMILY  # "access" named, an apprenticeship found
            elif implied is not None and implied == entry.level:
                score *= 0.95
            else:
                score *= 0.85
        score *= UNSAID_FAMILY ** len(DISTINCTIVE & entry.quals - mention.quals)
        return round(min(_as_named(score, entry, level, institution, town), 1.0), 4)


def _as_named(
    score: float,
    entry: CourseEntry,
    level: Optional[int],
    institution: Optional[str],
    town: Optional[str],
) -> float:
    """``score`` lowered for a level, college or town named that ``entry`` does not have.

    One rule for :meth:`CourseIndex.score` and for its upper bound, so they cannot drift.
    """
    if level is not None and entry.level is not None and level != entry.level:
        score *= 0.6
    if institution is not None and entry.institution is not None:
        score *= 1.0 if institution == entry.institution else 0.7
    if town is not None and entry.town is not None:
        score *= 1.0 if town.lower() == entry.town else 0.85
    return score


def _content_score(words: Sequence[Tok], entry: CourseEntry) -> float:
    """0.75 x how much of the text the entry explains + 0.25 x best name coverage."""
    if not words:
        return 0.0
    precision = 0.0
    for word in words:
        precision += best_similarity(word, entry.terms) * word.weight
    precision /= len(words)
    coverage = 0.0
    for name in entry.names:
        if name:
            covered = sum(1 for term in name if any(similarity(w.text, term) for w in words))
            coverage = max(coverage, covered / len(name))
    return EXACT_BELOW * (0.75 * precision + 0.25 * coverage)


def _word_pairs(words: Sequence[str]) -> List[Tuple[str, str]]:
    """Neighbouring words of a name, neither a linking word nor a number."""
    return [
        (a, b) for a, b in itertools.pairwise(words)
        if a.isalpha() and b.isalpha() and a not in CONNECTORS and b not in CONNECTORS
    ]  # fmt: skip
