"""The :class:`Gazetteer`: built from a database session, stored as plain JSON."""

from __future__ import annotations

import json
import re
from typing import Any, Dict, Iterable, List, Optional, Sequence, Set, Tuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from pathways_catalogue.models import Course, Institution, Network, Qualification
from pathways_catalogue.resolve.courses import CourseResolver
from pathways_catalogue.resolve.entries import CourseEntry
from pathways_catalogue.resolve.matching import best_similarity
from pathways_catalogue.resolve.shorthand import (
    CONNECTORS,
    FILLER_WORDS,
    TOKEN_RE,
    clean,
    shorthand,
)
from pathways_catalogue.text import STOP_WORDS

FORMAT_VERSION = 1
_TITLE_TAG_RE = re.compile(r"\((?:qcf|rqf|nqf|entry \d|pilot)\)", re.I)
_TITLE_START_RE = re.compile(
    r"\b(?:entry level|level \d|gcse|gce|a level|as level|t level|hnc|hnd|higher national|"
    r"btec|nvq|certificate|diploma|award|extended)\b",
    re.I,
)


class Gazetteer(CourseResolver):
    """What a catalogue knows by name, and how to find it in learners' words.

    Build with :meth:`from_session` (or :meth:`from_dict` for a stored copy); the raw
    records are kept as plain dicts, everything else is derived on construction.
    """

    def __init__(
        self,
        courses: Sequence[Dict[str, Any]] = (),
        institutions: Sequence[Dict[str, Any]] = (),
        qualifications: Sequence[Sequence[Any]] = (),
    ) -> None:
        self.courses: List[Dict[str, Any]] = [dict(c) for c in courses]
        self.institutions: List[Dict[str, Any]] = [dict(i) for i in institutions]
        #: [title, level, qualification type, subject]
        self.qualifications: List[List[Any]] = [list(q) for q in qualifications]
        self._shorthand = shorthand()
        self._build_places()
        self._build_vocabulary()
        self._course_entries = [self._course_entry(i, c) for i, c in enumerate(self.courses)]
        self._course_terms = frozenset(t for e in self._course_entries for t in e.terms)
        self._course_word_cache: Dict[str, bool] = {}
        self._course_surface = frozenset(
            word
            for course in self.courses
            for part in [course["title"], course["subject"], *course["aliases"]]
            for word in TOKEN_RE.findall(clean(part))
            if word not in STOP_WORDS and word not in CONNECTORS and not word.isdigit()
            and word not in self._shorthand.qual_single and len(word) > 2
        )
        self._subjects = sorted({c["subject"] for c in self.courses if c["subject"]})
        self._subject_keys = {s: self.analyse(s, correct=False) for s in self._subjects}
        self._interest_terms = self._build_interests()
        self._ofqual: Optional[Tuple[List[CourseEntry], Dict[str, List[int]]]] = None

    # ------------------------------------------------------------ construction

    @classmethod
    def from_session(
        cls,
        session: Session,
        network: Optional[str] = None,
        include_qualifications: bool = True,
    ) -> Gazetteer:
        """Read every course and institution (of ``network``, or all) and the Ofqual titles."""
        query = select(Course, Institution, Network.slug).join(
            Institution, Course.institution_id == Institution.id
        ).join(Network, Course.network_id == Network.id)
        inst_query = select(Institution, Network.slug).join(
            Network, Institution.network_id == Network.id
        )
        if network:
            query = query.where(Network.slug == network)
            inst_query = inst_query.where(Network.slug == network)
        courses = [
            {
                "course_id": course.code,
                "network": slug,
                "title": course.title,
                "qualification": course.qualification,
                "level": course.level,
                "subject": course.subject,
                "aliases": course.alias_list,
                "keywords": course.keyword_list,
                "institution_id": inst.code,
                "institution": inst.name,
                "town": course.town or inst.town,
            }
            for course, inst, slug in session.execute(query.order_by(Course.id))
        ]
        institutions = [
            {"institution_id": inst.code, "network": slug, "name": inst.name, "town": inst.town}
            for inst, slug in session.execute(inst_query.order_by(Institution.id))
        ]
        qualifications: List[List[Any]] = []
        if include_qualifications:
            rows = session.execute(
                select(
                    Qualification.title,
                    Qualification.level,
                    Qualification.qualification_type,
                    Qualification.subject,
                    Qualification.awarding_body,
                )
                .where(Qualification.level.is_not(None), Qualification.level >= 1)
                .order_by(Qualification.id)
            )
            qualifications = _compact_qualifications(rows)
        return cls(courses, institutions, qualifications)

    def to_dict(self) -> Dict[str, Any]:
        """Plain JSON-ready data; :meth:`from_dict` rebuilds the same gazetteer."""
        return {
            "version": FORMAT_VERSION,
            "courses": self.courses,
            "institutions": self.institutions,
            "qualifications": self.qualifications,
        }

    @classmethod
    def from_dict(cls, data: Dict[str, Any]) -> Gazetteer:
        """Rebuild a gazetteer stored with :meth:`to_dict`.

        Raises:
            ValueError: for data of another format version.

        """
        if data.get("version") != FORMAT_VERSION:
            raise ValueError(f"unsupported gazetteer format {data.get('version')!r}")
        return cls(data["courses"], data["institutions"], data["qualifications"])

    def __len__(self) -> int:
        return len(self.courses)

    def __repr__(self) -> str:
        return (
            f"Gazetteer(courses={len(self.courses)}, institutions={len(self.institutions)}, "
            f"qualifications={len(self.qualifications)})"
        )

    # ------------------------------------------------------------ helpers for extractors

    def phrases(self) -> Dict[str, List[str]]:
        """Exact names by entity type, for a phrase matcher."""
        courses: Set[str] = set()
        for course in self.courses:
            courses.add(course["title"])
            courses.update(course["aliases"])
            courses.update(self._short_forms(course))
        return {
            "course": sorted(courses),
            "institution": sorted(
                {" ".join(w) for p in self._institutions for w, s in p.phrases if s >= 0.95}
            ),
            "town": sorted(p.name for p in self._towns),
            "subject": list(self._subjects),
            "interest": sorted(self._interest_terms),
        }

    def qualification_phrases(self) -> List[str]:
        """Words and shorthand that name a kind of qualification ("ext dip", "btec")."""
        return sorted(p for p in self._shorthand.qual_surface if p)

    def is_course_word(self, word: str, after_qualification: bool = False) -> bool:
        """Whether ``word`` may be part of a course name ("enginering", "mv", "h&sc", "IT")."""
        sh = self._shorthand
        lower = word.lower()
        if lower in sh.ambiguous:
            return word.isupper() or after_qualification
        if lower in STOP_WORDS or lower in CONNECTORS or lower in FILLER_WORDS:
            return False
        if lower in self._course_surface:
            return True
        known = self._course_word_cache.get(lower)
        if known is None:
            content = self.analyse(lower, places=False).content
            terms = self._course_terms
            known = bool(content) and all(best_similarity(t, terms) > 0 for t in content)
            self._course_word_cache[lower] = known
        return known

    def names_only_qualification(self, text: str) -> bool:
        """Whether ``text`` names a kind of qualification and nothing else ("the HND")."""
        analysis = self.analyse(text, places=False)
        return bool(analysis.quals) and not analysis.content

    def names_qualification(self, text: str) -> bool:
        """Whether ``text`` names a kind of qualification or a level ("btec", "L3")."""
        analysis = self.analyse(text, places=False)
        return bool(analysis.quals or analysis.levels)

    def level_of(self, words: str) -> Optional[int]:
        """The level a level expression names ("L3", "level three"), or None."""
        levels = self.analyse(words, places=False).levels
        return levels[0] if levels else None


def _compact_qualifications(rows: Iterable[Any]) -> List[List[Any]]:
    """Ofqual titles without awarding body and tags, one per level and subject wording."""
    seen: Set[Tuple[int, str]] = set()
    out: List[List[Any]] = []
    for title, level, kind, subject, body in rows:
        text = _TITLE_TAG_RE.sub("", str(title)).strip()
        if body and text.lower().startswith(str(body).lower()):
            text = text[len(str(body)) :].strip()
        start = _TITLE_START_RE.search(text)
        if start and start.start() > 0:
            text = text[start.start() :]
        text = re.sub(r"\s+", " ", text).strip(" -:")
        key = (int(level), text.lower())
        if not text or key in seen:
            continue
        seen.add(key)
        out.append([text, int(level), kind or "", subject or ""])
    return out


def dumps(gazetteer: Gazetteer) -> str:
    """The gazetteer as compact JSON text."""
    return json.dumps(gazetteer.to_dict(), ensure_ascii=False, separators=(",", ":"))


def loads(text: str) -> Gazetteer:
    """A gazetteer from :func:`dumps` text."""
    return Gazetteer.from_dict(json.loads(text))
