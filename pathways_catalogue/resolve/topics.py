"""Subjects and interests (course keywords): finding them in text."""

from __future__ import annotations

from typing import Dict, List, Optional, Tuple

from pathways_catalogue.resolve.analysis import Analysis, Tok
from pathways_catalogue.resolve.candidates import NameMatch
from pathways_catalogue.resolve.entries import CourseEntries, CourseEntry
from pathways_catalogue.resolve.matching import KEYWORD_EVIDENCE, best_similarity, fit, similarity


class Topics(CourseEntries):
    """The catalogue's subjects and course keywords, and how to recognise them."""

    _course_entries: List[CourseEntry]
    _subjects: List[str]
    _subject_keys: Dict[str, Analysis]
    _interest_terms: Dict[str, List[Tok]]

    def _build_interests(self) -> Dict[str, List[Tok]]:
        names: Dict[str, List[Tok]] = {}
        for course in self.courses:
            for keyword in course["keywords"]:
                names.setdefault(keyword.strip().lower(), [])
        for subject in self._subjects:
            names.setdefault(subject.lower(), [])
        for course in self.courses:
            phrase = self.subject_phrase(course["title"])
            if phrase and len(phrase.split()) <= 3:
                names.setdefault(phrase, [])
        for name in list(names):
            content = self.analyse(name, places=False, correct=False).content
            if content:
                names[name] = content
            else:
                del names[name]
        return names

    def resolve_subject(self, text: str, names_only: bool = False) -> Optional[NameMatch]:
        """The catalogue subject ``text`` is about ("enginering" -> "Engineering").

        Subject names are matched first; otherwise (unless ``names_only``) the subject
        of the courses whose words fit best ("plumbing" -> the plumbing courses' subject).
        With ``names_only`` every word of ``text`` must belong to the subject's name.
        """
        content = self.analyse(text, places=False).content
        if not content:
            return None
        best: Optional[NameMatch] = None
        for subject, analysis in self._subject_keys.items():
            score = fit(content, analysis.content, strict=names_only)
            if score >= 0.75 and (best is None or score > best.score):
                best = NameMatch(subject, round(score, 4))
        if names_only or (best is not None and best.score >= 0.9):
            return best
        by_subject: Dict[str, float] = {}
        for entry in self._course_entries:
            precision = sum(
                max(
                    best_similarity(w, entry.terms),
                    KEYWORD_EVIDENCE * best_similarity(w, entry.keyword_terms),
                )
                * w.weight
                for w in content
            ) / len(content)
            subject = self.courses[entry.index]["subject"]
            by_subject[subject] = max(by_subject.get(subject, 0.0), precision * 0.85)
        if by_subject:
            subject, score = max(by_subject.items(), key=lambda kv: (kv[1], kv[0]))
            if score >= 0.6 and (best is None or score > best.score):
                best = NameMatch(subject, round(score, 4))
        return best

    def resolve_interest(self, text: str, strict: bool = False) -> Optional[NameMatch]:
        """The course keyword or subject ``text`` is, as a whole ("robots" -> "robotics").

        With ``strict`` every word of ``text`` must belong to the keyword.
        """
        content = self.analyse(text, places=False).content
        if not content:
            return None
        best: Optional[NameMatch] = None
        for name, terms in self._interest_terms.items():
            score = fit(content, terms, strict=strict)
            if score >= 0.75 and (best is None or score > best.score):
                best = NameMatch(name, round(score, 4))
        return best

    def match_interests(self, text: str, limit: int = 5) -> List[Tuple[str, float]]:
        """Course keywords and subjects found in free text, best first."""
        content = self.analyse(text, places=False).content
        found: List[Tuple[str, float]] = []
        for name, terms in self._interest_terms.items():
            coverage = sum(
                max((similarity(w.text, t.text) * w.weight for w in content), default=0.0)
                for t in terms
            ) / len(terms)
            if coverage >= 0.8:
                found.append((name, round(coverage, 4)))
        found.sort(key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))
        return found[:limit]
