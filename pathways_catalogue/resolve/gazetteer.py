"""The :class:`Gazetteer`: built from a database session, stored as plain JSON.

It holds the parts that do the work, built in this order, each given what it needs:

1. :class:`~.places.Places`: institutions and towns, from the records;
2. :class:`~.vocabulary.Vocabulary`: the words typos are corrected towards;
3. :class:`~.analyser.Analyser`: the text pipeline, over the vocabulary and places;
4. :class:`~.course_index.CourseIndex`: courses and Ofqual titles analysed for scoring;
5. :class:`~.topics.Topics`: subjects and interests;
6. :class:`~.courses.CourseResolver`: course mentions, over all of the above.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Set, Tuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from pathways_catalogue.models import Course, Institution, Network, Qualification
from pathways_catalogue.resolve import ofqual_cache
from pathways_catalogue.resolve.analyser import Analyser
from pathways_catalogue.resolve.analysis import Analysis
from pathways_catalogue.resolve.candidates import CourseCandidate, InstitutionMatch, NameMatch
from pathways_catalogue.resolve.course_index import CourseIndex
from pathways_catalogue.resolve.courses import CourseResolver
from pathways_catalogue.resolve.places import Places
from pathways_catalogue.resolve.shorthand import shorthand
from pathways_catalogue.resolve.topics import Topics
from pathways_catalogue.resolve.vocabulary import Vocabulary

FORMAT_VERSION = 1
logger = logging.getLogger(__name__)
_TITLE_TAG_RE = re.compile(r"\((?:qcf|rqf|nqf|entry \d|pilot)\)", re.I)
_TITLE_START_RE = re.compile(
    r"\b(?:entry level|level \d|gcse|gce|a level|as level|t level|hnc|hnd|higher national|"
    r"btec|nvq|certificate|diploma|award|extended)\b",
    re.I,
)


class Gazetteer:
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
        self._places = Places(self.institutions, self.courses, self._shorthand)
        self._vocabulary = Vocabulary(
            self.courses, self._places, self._shorthand, self.qualifications
        )
        self._analyser = Analyser(self._shorthand, self._vocabulary, self._places)
        self._index = CourseIndex(self._analyser, self.courses, self.qualifications)
        self._topics = Topics(self._analyser, self.courses, self._index)
        self._resolver = CourseResolver(self._analyser, self._places, self._index, self._topics)

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
        qualifications = qualification_titles(session) if include_qualifications else []
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

    # ------------------------------------------------------------ recognition

    def resolve_course(
        self, text: str, institution: Optional[str] = None, limit: int = 5
    ) -> List[CourseCandidate]:
        """Courses ``text`` may name, best first (scores in 0..1).

        ``institution`` (a name, short name or id) narrows the search when the
        learner named it elsewhere. When no catalogue course fits well, qualification
        titles from the Ofqual gazetteer follow, as "gazetteer" candidates with the
        level and subject; failing those, the learner's level and subject words.
        """
        return self._resolver.resolve_course(text, institution=institution, limit=limit)

    def resolve_institution(self, text: str, whole: bool = False) -> Optional[InstitutionMatch]:
        """The institution ``text`` names: full name, short name ("northgate"), typo.

        With ``whole``, only if all of ``text`` is the name (for scanning windows).
        """
        return self._places.institution(text, self._analyser.analyse(text), whole)

    def resolve_town(self, text: str, whole: bool = False) -> Optional[NameMatch]:
        """The catalogue town ``text`` names (towns of the institutions and courses)."""
        return self._places.town(text, self._analyser.analyse(text), whole)

    def resolve_subject(
        self, text: str, names_only: bool = False, least: float = 0.6
    ) -> Optional[NameMatch]:
        """The catalogue subject ``text`` is about ("enginering" -> "Engineering").

        Subject names are matched first; otherwise (unless ``names_only``) the subject
        of the courses whose words fit best ("plumbing" -> the plumbing courses' subject),
        if they fit at least ``least``. With ``names_only`` every word of ``text`` must
        belong to the subject's name.
        """
        return self._topics.resolve_subject(text, names_only=names_only, least=least)

    def resolve_interest(self, text: str, strict: bool = False) -> Optional[NameMatch]:
        """The course keyword or subject ``text`` is, as a whole ("robots" -> "robotics").

        With ``strict`` every word of ``text`` must belong to the keyword.
        """
        return self._topics.resolve_interest(text, strict=strict)

    def match_interests(self, text: str, limit: int = 5) -> List[Tuple[str, float]]:
        """Course keywords and subjects found in free text, best first."""
        return self._topics.match_interests(text, limit=limit)

    def common_keywords(self, subject: Optional[str], count: int = 3) -> List[str]:
        """The commonest course keywords of a subject (of the whole catalogue if None)."""
        return self._topics.common_keywords(subject, count)

    def subjects_of(self, interest: str) -> List[str]:
        """The subjects of the courses an interest name (from :meth:`resolve_interest`) is in."""
        return self._topics.subjects_of(interest)

    def qualification_families(self, text: str) -> Set[str]:
        """The kinds of qualification ``text`` names, with the wider families they belong to.

        "HNC in Mechatronics" -> {"hnc"}; "BEng (Hons) ... (top-up)" -> {"top-up",
        "bachelor", ...}.
        """
        quals = self._analyser.analyse(text, places=False, correct=False).quals
        return set(self._shorthand.close(quals))

    def parse_level(self, text: str) -> Optional[int]:
        """The level ``text`` names or implies ("L3", "ext dip" -> 3, "HND" -> 5).

        "L3", "level three", "lvl 2" -> the number; otherwise the qualification implies
        it: extended diploma, T Level, Access to HE, A level -> 3; GCSE -> 2; HNC -> 4;
        HND, foundation degree -> 5; degree -> 6.
        """
        return self._analyser.implied_level(self._analyser.analyse(text, places=False))

    def level_of(self, words: str) -> Optional[int]:
        """The level a level expression names ("L3", "level three"), or None."""
        levels = self._analyser.analyse(words, places=False).levels
        return levels[0] if levels else None

    def is_ambiguous(self, text: str) -> bool:
        """Whether ``text`` is one everyday word that is also shorthand ("it", not "IT")."""
        word = text.strip()
        return word.lower() in self._shorthand.ambiguous and not word.isupper()

    def names_field(self, word: str) -> bool:
        """Whether ``word`` belongs to a group of names for one subject ("electrotechnical")."""
        content = self._analyser.analyse(word, places=False).content
        return any(token.text.startswith("#") for token in content)

    def names_only_qualification(self, text: str) -> bool:
        """Whether ``text`` names a kind of qualification and nothing else ("the HND")."""
        analysis = self._analyser.analyse(text, places=False)
        return bool(analysis.quals) and not analysis.content

    def names_qualification(self, text: str) -> bool:
        """Whether ``text`` names a kind of qualification or a level ("btec", "L3")."""
        analysis = self._analyser.analyse(text, places=False)
        return bool(analysis.quals or analysis.levels)

    def is_course_word(self, word: str, after_qualification: bool = False) -> bool:
        """Whether ``word`` may be part of a course name ("enginering", "mv", "h&sc", "IT")."""
        return self._index.is_course_word(word, after_qualification)

    def is_course_pair(self, first: str, second: str) -> bool:
        """Whether the two words follow each other in a course's name ("early years")."""
        return self._index.is_course_pair(first, second)

    # ------------------------------------------------------------ names, for matchers

    def phrases(self) -> Dict[str, List[str]]:
        """Exact names by entity type, for a phrase matcher."""
        courses: Set[str] = set()
        for course in self.courses:
            courses.add(course["title"])
            courses.update(course["aliases"])
            courses.update(self._index.short_forms(course))
        return {
            "course": sorted(courses),
            "institution": sorted(
                {" ".join(w) for p in self._places.institutions for w, s in p.phrases if s >= 0.95}
            ),
            "town": sorted(p.name for p in self._places.towns),
            "subject": list(self._topics.subjects),
            "interest": sorted(self._topics.interests),
        }

    def qualification_phrases(self) -> List[str]:
        """Words and shorthand that name a kind of qualification ("ext dip", "btec")."""
        return sorted(p for p in self._shorthand.qual_surface if p)

    # ------------------------------------------------------------ the pipeline itself

    def analyse(
        self, text: str, places: bool = True, strict: bool = False, correct: bool = True
    ) -> Analysis:
        """Run ``text`` through the pipeline of :mod:`pathways_catalogue.resolve`."""
        return self._analyser.analyse(text, places=places, strict=strict, correct=correct)

    def correct(self, word: str) -> Tuple[str, int]:
        """Return ``word`` or the catalogue word it misspells, and the edits made."""
        return self._vocabulary.correct(word)

    def subject_phrase(self, title: str) -> str:
        """A title without its awarding body, qualification and level words."""
        return self._analyser.subject_phrase(title)

    def warm_up(self, cache: Optional[Path] = None) -> None:
        """Do the lazy work now (the Ofqual index), not on the first learner message.

        With ``cache`` (a folder), the Ofqual index is read from there if it was stored
        for the same titles and code, else built and stored (:mod:`.ofqual_cache`); a
        folder that cannot be written is only logged.
        """
        if cache is not None and not self._index.has_ofqual:
            digest = ofqual_cache.key(self.qualifications)
            stored = ofqual_cache.load(cache, digest)
            if stored is not None:
                self._index.adopt_ofqual(stored)
            else:
                try:
                    ofqual_cache.store(cache, digest, self._index.ofqual())
                except OSError as error:
                    logger.warning("the Ofqual index was not stored in %s: %s", cache, error)
        self._index.ofqual()
        self._vocabulary.secondary()


def qualification_titles(session: Session) -> List[List[Any]]:
    """The database's Ofqual titles, as a gazetteer holds them (one per level and wording)."""
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
    return _compact_qualifications(rows)


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
