"""Subjects and interests (course keywords): the catalogue's names, and finding them in text."""

from __future__ import annotations

from collections import Counter
from typing import Any, Dict, List, Optional, Sequence, Set, Tuple

from pathways_catalogue.resolve.analyser import Analyser
from pathways_catalogue.resolve.analysis import Tok
from pathways_catalogue.resolve.candidates import NameMatch
from pathways_catalogue.resolve.course_index import CourseIndex
from pathways_catalogue.resolve.matching import (
    KEYWORD_EVIDENCE,
    TermIndex,
    best_similarity,
    fit,
    similarity,
)

#: how well a text fits a subject whose name holds all its words ("science")
PART_OF_NAME = 0.8
#: subjects and interests remembered per text, at most
MEMO_SIZE = 20_000


class Topics:
    """The catalogue's subjects and course keywords, and how to recognise them."""

    def __init__(
        self, analyser: Analyser, courses: Sequence[Dict[str, Any]], index: CourseIndex
    ) -> None:
        self._analyser = analyser
        self._courses = courses
        self._index = index
        #: the catalogue's subject names, sorted
        self.subjects: List[str] = sorted({c["subject"] for c in courses if c["subject"]})
        self._subject_keys = {s: analyser.analyse(s, correct=False) for s in self.subjects}
        #: interest name -> the subjects of the courses it names
        self._fields: Dict[str, Set[str]] = {}
        #: interest names (course keywords, subjects, short subject phrases) -> their words
        self.interests: Dict[str, List[Tok]] = self._interests()
        self._interest_names = list(self.interests)
        self._common: Dict[Optional[str], List[str]] = {}
        #: subjects and interests already resolved, by text (the catalogue never changes here)
        self._memo: Dict[Tuple[Any, ...], Optional[NameMatch]] = {}
        self._by_term = TermIndex()
        for number, terms in enumerate(self.interests.values()):
            self._by_term.add(number, (t.text for t in terms))

    def _interests(self) -> Dict[str, List[Tok]]:
        analyser = self._analyser
        names: Dict[str, List[Tok]] = {}
        fields = self._fields
        for course in self._courses:
            for keyword in course["keywords"]:
                names.setdefault(keyword.strip().lower(), [])
                fields.setdefault(keyword.strip().lower(), set()).add(course["subject"])
        for subject in self.subjects:
            names.setdefault(subject.lower(), [])
            fields.setdefault(subject.lower(), set()).add(subject)
        for course in self._courses:
            phrase = analyser.subject_phrase(course["title"])
            if phrase and len(phrase.split()) <= 3:
                names.setdefault(phrase, [])
                fields.setdefault(phrase, set()).add(course["subject"])
        for name in list(names):
            content = analyser.analyse(name, places=False, correct=False).content
            if content:
                names[name] = content
            else:
                del names[name]
        return names

    def _interests_like(self, content: Sequence[Tok]) -> List[Tuple[str, List[Tok]]]:
        """The interests with a word like one of ``content`` (the others fit 0), in order."""
        names = self._interest_names
        return [
            (names[n], self.interests[names[n]]) for n in self._by_term.candidates(content)
        ]

    def common_keywords(self, subject: Optional[str], count: int = 3) -> List[str]:
        """The commonest course keywords of a subject's courses (of every course if None).

        As written in the catalogue; ties go to the keyword of the course listed first.
        Counted once per subject (the catalogue of this index does not change).
        """
        if subject not in self._common:
            counts: Counter = Counter()
            for course in self._courses:
                if subject is None or course["subject"] == subject:
                    counts.update(k for k in course["keywords"] if k)
            self._common[subject] = [k for k, _n in counts.most_common()]
        return self._common[subject][:count]

    def subjects_of(self, interest: str) -> List[str]:
        """The subjects of the courses an interest name belongs to ("nursing" -> Health...)."""
        return sorted(self._fields.get(interest.strip().lower(), set()))

    def resolve_subject(
        self, text: str, names_only: bool = False, least: float = 0.6
    ) -> Optional[NameMatch]:
        """The catalogue subject ``text`` is about ("enginering" -> "Engineering").

        Remembered per text (:data:`MEMO_SIZE`): the same words come back in every
        conversation, and the Ofqual titles' subjects many times in one.
        """
        key = ("subject", text, names_only, least)
        if key not in self._memo:
            self._remember(key, self._resolve_subject(text, names_only, least))
        return self._memo[key]

    def _remember(self, key: Tuple[Any, ...], value: Optional[NameMatch]) -> None:
        if len(self._memo) >= MEMO_SIZE:
            self._memo.clear()  # simple and bounded; a full memo is rare
        self._memo[key] = value

    def _resolve_subject(
        self, text: str, names_only: bool, least: float
    ) -> Optional[NameMatch]:
        """:meth:`resolve_subject`, computed.

        Subject names are matched first; otherwise (unless ``names_only``) the subject
        of the courses whose words fit best ("plumbing" -> the plumbing courses' subject),
        if they fit at least ``least``. With ``names_only`` every word of ``text`` must
        belong to the subject's name.
        """
        content = self._analyser.analyse(text, places=False).content
        if not content:
            return None
        best: Optional[NameMatch] = None
        for subject, analysis in self._subject_keys.items():
            score = fit(content, analysis.content, strict=names_only)
            if not names_only and fit(content, analysis.content, strict=True) and all(
                best_similarity(w, frozenset(t.text for t in analysis.content)) == 1.0
                for w in content
            ):
                # every word is in the subject's name ("science" -> "Applied Science")
                score = max(score, PART_OF_NAME)
            if score >= 0.75 and (best is None or score > best.score):
                best = NameMatch(subject, round(score, 4))
        if names_only or (best is not None and best.score >= PART_OF_NAME):
            return best
        by_subject: Dict[str, float] = {}
        # the others' precision is 0, which only a least of 0 would keep
        entries = self._index.entries_like(content) if least > 0 else self._index.entries
        for entry in entries:
            precision = sum(
                max(
                    best_similarity(w, entry.terms),
                    KEYWORD_EVIDENCE * best_similarity(w, entry.keyword_terms),
                )
                * w.weight
                for w in content
            ) / len(content)
            subject = self._courses[entry.index]["subject"]
            by_subject[subject] = max(by_subject.get(subject, 0.0), precision * 0.85)
        if by_subject:
            subject, score = max(by_subject.items(), key=lambda kv: (kv[1], kv[0]))
            if score >= least and (best is None or score > best.score):
                best = NameMatch(subject, round(score, 4))
        return best

    def resolve_interest(self, text: str, strict: bool = False) -> Optional[NameMatch]:
        """The course keyword or subject ``text`` is, as a whole ("robots" -> "robotics").

        With ``strict`` every word of ``text`` must belong to the keyword. Remembered per text.
        """
        key = ("interest", text, strict)
        if key not in self._memo:
            self._remember(key, self._resolve_interest(text, strict))
        return self._memo[key]

    def _resolve_interest(self, text: str, strict: bool) -> Optional[NameMatch]:
        """:meth:`resolve_interest`, computed."""
        content = self._analyser.analyse(text, places=False).content
        if not content:
            return None
        best: Optional[NameMatch] = None
        for name, terms in self._interests_like(content):
            score = fit(content, terms, strict=strict)
            if score >= 0.75 and (best is None or score > best.score):
                best = NameMatch(name, round(score, 4))
        return best

    def match_interests(self, text: str, limit: int = 5) -> List[Tuple[str, float]]:
        """Course keywords and subjects found in free text, best first."""
        content = self._analyser.analyse(text, places=False).content
        found: List[Tuple[str, float]] = []
        for name, terms in self._interests_like(content):
            coverage = sum(
                max((similarity(w.text, t.text) * w.weight for w in content), default=0.0)
                for t in terms
            ) / len(terms)
            if coverage >= 0.8:
                found.append((name, round(coverage, 4)))
        found.sort(key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))
        return found[:limit]
