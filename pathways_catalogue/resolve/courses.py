"""Scoring catalogue courses and Ofqual titles against a course mention."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Sequence, Set, Tuple

from pathways_catalogue.resolve.analysis import Analysis, Tok
from pathways_catalogue.resolve.candidates import CourseCandidate
from pathways_catalogue.resolve.entries import CourseEntry
from pathways_catalogue.resolve.matching import (
    DISTINCTIVE,
    EXACT_BELOW,
    GAZETTEER_BELOW,
    GAZETTEER_MARGIN,
    MAX_GAZETTEER_POOL,
    OTHER_FAMILY,
    QUALIFICATION_ONLY,
    SHORT_FORM_SCORE,
    UNSAID_FAMILY,
    best_similarity,
    similarity,
)
from pathways_catalogue.resolve.shorthand import AWARDING_BODY
from pathways_catalogue.resolve.topics import Topics


class CourseResolver(Topics):
    """Which courses (or Ofqual qualifications) a mention may name, best first."""

    _ofqual: Optional[Tuple[List[CourseEntry], Dict[str, List[int]]]]

    @staticmethod
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
                covered = sum(
                    1 for term in name if any(similarity(w.text, term) for w in words)
                )
                coverage = max(coverage, covered / len(name))
        return EXACT_BELOW * (0.75 * precision + 0.25 * coverage)

    def _score(
        self,
        mention: Analysis,
        entry: CourseEntry,
        level: Optional[int],
        institution: Optional[str],
        town: Optional[str],
    ) -> float:
        content = mention.content
        exact = bool(mention.key) and mention.key in entry.keys
        if not content and not exact:
            return 0.0
        score = self._content_score(content, entry)
        weight = min((t.weight for t in mention.toks if t.kind != "stop"), default=1.0)
        if exact:
            score = max(score, weight)
        elif mention.key and mention.key in entry.short_keys:
            score = max(score, SHORT_FORM_SCORE * weight)
        for qual in mention.quals:
            if qual in entry.quals:
                continue
            implied = self._shorthand.qual_levels.get(qual)
            if qual.startswith(AWARDING_BODY):
                score *= 0.97
            elif qual in DISTINCTIVE and DISTINCTIVE & entry.quals:
                score *= OTHER_FAMILY  # "access" named, an apprenticeship found
            elif implied is not None and implied == entry.level:
                score *= 0.95
            else:
                score *= 0.85
        score *= UNSAID_FAMILY ** len(DISTINCTIVE & entry.quals - mention.quals)
        if level is not None and entry.level is not None and level != entry.level:
            score *= 0.6
        if institution is not None and entry.institution is not None:
            score *= 1.0 if institution == entry.institution else 0.7
        if town is not None and entry.town is not None:
            score *= 1.0 if town.lower() == entry.town else 0.85
        return round(min(score, 1.0), 4)

    def _mention_level(self, mention: Analysis) -> Optional[int]:
        if mention.levels:
            return mention.levels[0]
        implied = [self._shorthand.qual_levels[q] for q in mention.quals
                   if q in self._shorthand.qual_levels]  # fmt: skip
        return max(implied) if implied else None

    def parse_level(self, text: str) -> Optional[int]:
        """The level ``text`` names or implies ("L3", "ext dip" -> 3, "HND" -> 5)."""
        return self._mention_level(self.analyse(text, places=False))

    def resolve_course(
        self, text: str, institution: Optional[str] = None, limit: int = 5
    ) -> List[CourseCandidate]:
        """Courses ``text`` may name, best first (scores in 0..1).

        ``institution`` (a name, short name or id) narrows the search when the
        learner named it elsewhere. When no catalogue course fits well, qualification
        titles from the Ofqual gazetteer follow, as "gazetteer" candidates with the
        level and subject; failing those, the learner's level and subject words.
        """
        mention = self.analyse(text)
        level = self._mention_level(mention)
        inst_code = mention.first("inst")
        if institution:
            named = self.resolve_institution(institution)
            inst_code = named.institution_id if named else inst_code
        town = mention.first("town")
        town_name = next((p.name for p in self._towns if p.key == town), None)
        scored = [
            (self._score(mention, entry, level, inst_code, town_name), entry.index)
            for entry in self._course_entries
        ]
        scored = [s for s in scored if s[0] > 0.3]
        scored.sort(
            key=lambda s: (-s[0], self.courses[s[1]]["level"], self.courses[s[1]]["title"], s[1])
        )
        out = [self._catalogue_candidate(index, score) for score, index in scored[:limit]]
        if not out and not mention.content and level is not None:
            # "the HND": a kind of qualification, known by its level only
            words = " ".join(t.surface for t in mention.toks if t.kind == "qual")
            only = CourseCandidate(None, words, None, level, None, QUALIFICATION_ONLY, "gazetteer")
            return [only]
        if not out or out[0].score < GAZETTEER_BELOW:
            out.extend(self._gazetteer_candidates(mention, level, limit))
        # a qualification outside the network must fit clearly better to come first
        out.sort(key=lambda c: -(c.score - (GAZETTEER_MARGIN if c.source == "gazetteer" else 0)))
        return out[:limit]

    def _catalogue_candidate(self, index: int, score: float) -> CourseCandidate:
        course = self.courses[index]
        return CourseCandidate(
            course_id=course["course_id"],
            title=course["title"],
            institution=course["institution"],
            level=int(course["level"]),
            subject=course["subject"],
            score=score,
            source="catalogue",
            institution_id=course["institution_id"],
            network=course["network"],
        )

    def _gazetteer_candidates(
        self, mention: Analysis, level: Optional[int], limit: int
    ) -> List[CourseCandidate]:
        content = mention.content
        if not content:
            return []
        entries, index = self._ofqual_index()
        pool: Dict[int, None] = {}
        for word in content:
            for position in index.get(word.text, ()):
                pool[position] = None
                if len(pool) >= MAX_GAZETTEER_POOL:
                    break
        scored = []
        for position in pool:
            entry = entries[position]
            score = self._score(mention, entry, level, None, None)
            if score > 0.5:
                scored.append((score, position))
        scored.sort(key=lambda s: (-s[0], len(self.qualifications[s[1]][0]), s[1]))
        out: List[CourseCandidate] = []
        seen: Set[Tuple[Any, ...]] = set()
        for score, position in scored:
            title, entry_level, _kind, subject = self.qualifications[position]
            subject = re.sub(r"\s*\([^)]*\)", "", subject or "").strip()
            mapped = self.resolve_subject(subject or self.subject_phrase(title))
            key = (entry_level, mapped.name if mapped else subject)
            if key in seen:
                continue
            seen.add(key)
            out.append(
                CourseCandidate(
                    course_id=None,
                    title=title,
                    institution=None,
                    level=level or entry_level,
                    subject=mapped.name if mapped else subject or None,
                    score=round(score * 0.9, 4),
                    source="gazetteer",
                )
            )
            if len(out) >= limit:
                break
        if not out and level is not None:
            subject_match = self.resolve_subject(" ".join(t.text for t in content))
            if subject_match is not None:
                out.append(
                    CourseCandidate(
                        course_id=None,
                        title=" ".join(t.surface for t in mention.toks if t.surface),
                        institution=None,
                        level=level,
                        subject=subject_match.name,
                        score=round(subject_match.score * 0.7, 4),
                        source="gazetteer",
                    )
                )
        return out

    def _ofqual_index(self) -> Tuple[List[CourseEntry], Dict[str, List[int]]]:
        """Analyse the Ofqual titles on first use (thousands of them)."""
        if self._ofqual is None:
            entries: List[CourseEntry] = []
            index: Dict[str, List[int]] = {}
            for position, (title, level, _kind, subject) in enumerate(self.qualifications):
                analysis = self.analyse(title, places=False, correct=False)
                terms = frozenset(t.text for t in analysis.content) | frozenset(
                    t.alt for t in analysis.content if t.alt
                )
                subject_terms = frozenset(
                    t.text
                    for t in self.analyse(subject or "", places=False, correct=False).content
                )
                entries.append(
                    CourseEntry(
                        index=position,
                        terms=terms,
                        names=[terms, subject_terms],
                        quals=self._close(analysis.quals),
                        keys=frozenset({analysis.key}),
                        level=int(level) if level is not None else None,
                    )
                )
                for tok in analysis.content:
                    index.setdefault(tok.text, []).append(position)
            self._ofqual = (entries, index)
        return self._ofqual

    def warm_up(self) -> None:
        """Do the lazy work now (the Ofqual index), not on the first learner message."""
        self._ofqual_index()
        self._secondary_vocabulary()
