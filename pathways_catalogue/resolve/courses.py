"""Which courses (or Ofqual qualifications) a mention may name, best first."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Set, Tuple

from pathways_catalogue.resolve.analyser import Analyser
from pathways_catalogue.resolve.analysis import Analysis
from pathways_catalogue.resolve.candidates import CourseCandidate
from pathways_catalogue.resolve.course_index import CourseIndex
from pathways_catalogue.resolve.matching import (
    GAZETTEER_BELOW,
    GAZETTEER_MARGIN,
    MAX_GAZETTEER_POOL,
    QUALIFICATION_ONLY,
)
from pathways_catalogue.resolve.places import Places
from pathways_catalogue.resolve.topics import Topics


class CourseResolver:
    """Course mentions resolved against the course index, places and subjects."""

    def __init__(
        self, analyser: Analyser, places: Places, index: CourseIndex, topics: Topics
    ) -> None:
        self._analyser = analyser
        self._places = places
        self._index = index
        self._topics = topics

    def resolve_course(
        self, text: str, institution: Optional[str] = None, limit: int = 5
    ) -> List[CourseCandidate]:
        """Courses ``text`` may name, best first (scores in 0..1).

        ``institution`` (a name, short name or id) narrows the search when the
        learner named it elsewhere. When no catalogue course fits well, qualification
        titles from the Ofqual gazetteer follow, as "gazetteer" candidates with the
        level and subject; failing those, the learner's level and subject words.
        """
        analyse = self._analyser.analyse
        mention = analyse(text)
        level = self._analyser.implied_level(mention)
        inst_code = mention.first("inst")
        if institution:
            named = self._places.institution(institution, analyse(institution))
            inst_code = named.institution_id if named else inst_code
        town = mention.first("town")
        town_name = self._places.town_name(town) if town is not None else None
        scored = self._index.best(mention, level, inst_code, town_name, limit)
        out = [self._catalogue_candidate(index, score) for score, index in scored]
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
        course = self._index.courses[index]
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
        qualifications = self._index.qualifications
        resolve_subject = self._topics.resolve_subject
        entries, index = self._index.ofqual()
        pool: Dict[int, None] = {}
        for word in content:
            for position in index.get(word.text, ()):
                pool[position] = None
                if len(pool) >= MAX_GAZETTEER_POOL:
                    break
        # the register holds no apprenticeships: "a top apprenticeship" is no "Award in
        # Fashion - Shirts and Tops"
        apprenticeship = any(t.kind == "qual" and t.surface.lower().startswith("apprentic")
                             for t in mention.toks)  # fmt: skip
        scored = []
        for position in pool:
            if apprenticeship and "apprentic" not in qualifications[position][0].lower():
                continue
            entry = entries[position]
            score = self._index.score(mention, entry, level, None, None)
            if score > 0.5:
                scored.append((score, position))
        scored.sort(key=lambda s: (-s[0], len(qualifications[s[1]][0]), s[1]))
        out: List[CourseCandidate] = []
        seen: Set[Tuple[Any, ...]] = set()
        for score, position in scored:
            title, entry_level, _kind, subject = qualifications[position]
            subject = re.sub(r"\s*\([^)]*\)", "", subject or "").strip()
            mapped = resolve_subject(subject or self._analyser.subject_phrase(title))
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
            subject_match = resolve_subject(" ".join(t.text for t in content))
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
