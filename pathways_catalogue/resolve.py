"""Catalogue-grounded recognition of what learners type (no spaCy here).

A :class:`Gazetteer` holds what a catalogue knows by name: its courses (titles,
aliases and generated short forms such as "ext dip engineering" or "L3 engineering"),
institutions and their short names, towns, subjects, course keywords (interests) and
the Ofqual qualification titles. It is built from a database session, serialises to
plain JSON (the Rasa component stores it in the model) and answers questions such as
"which course is 'ext dip in enginering at northgate'?".

Text goes through one pipeline, for learner text and catalogue names alike:

1. lower-case words; "&" is "and";
2. typo correction of words no dictionary knows, towards the catalogue's words
   (rapidfuzz OSA distance: "enginering" -> "engineering", "moter" -> "motor");
3. shorthand expansion from ``abbreviations.yml`` ("ext dip" -> "extended diploma");
4. level expressions ("L3", "level three", "lvl 2") become a level;
5. institution and town names are set aside;
6. lemmas (spaCy's English lookup table, via :mod:`pathways_catalogue.text`), then
   qualification families ("btec", "hnc", "t level") and subject synonyms
   ("it" = "computing") are recognised; what is left are content words.

Nothing here names a course, college or town of any network: a new network works
as soon as it is imported.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, FrozenSet, Iterable, List, Optional, Sequence, Set, Tuple

import yaml
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA
from sqlalchemy import select
from sqlalchemy.orm import Session

from pathways_catalogue.models import Course, Institution, Network, Qualification
from pathways_catalogue.text import STOP_WORDS, _lemma_table, lemma

SHORTHAND_FILE = Path(__file__).resolve().with_name("abbreviations.yml")
FORMAT_VERSION = 1

#: the qualification family of awarding bodies' names in abbreviations.yml
AWARDING_BODY = "awarding body"
#: suffixes that make a longer word of the same family ("robot" -> "robotics")
DERIVED_SUFFIXES: Tuple[str, ...] = (
    "s", "es", "ic", "ics", "al", "ical", "ing", "er", "ery", "ry", "y", "ist", "ian",
    "ation", "ion", "ment", "ive", "ure",
)  # fmt: skip
#: similarity of a word to a longer word of its family
DERIVED_SIMILARITY = 0.85
#: similarity of two different names of one subject ("IT", "computing")
SYNONYM_SIMILARITY = 0.95
#: weight of a word after a typo correction of 1, 2 or 3 edits
CORRECTION_WEIGHT = {0: 1.0, 1: 0.9, 2: 0.85, 3: 0.8}
#: words that link the parts of a course name ("diploma in engineering")
CONNECTORS: FrozenSet[str] = frozenset({"in", "of", "and", "for", "to", "course"})
#: words that say "a course" without saying which
FILLER_WORDS: FrozenSet[str] = frozenset(
    {"course", "courses", "qualification", "programme", "program", "class", "classes",
     "subject", "thing", "stuff", "one", "studies", "principles"}
)  # fmt: skip
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

_TOKEN_RE = re.compile(r"[a-z0-9]+")
_NUMBERED_RE = re.compile(r"\b(nvq|svq)([1-8])\b")
#: qualifications written with a bare level number ("nvq 2")
_NUMBERED: FrozenSet[str] = frozenset({"nvq", "svq"})
_LEVEL_TOKEN_RE = re.compile(r"^(?:l|lv|lvl|lev|level)([1-8])$")
_LEVEL_WORDS: FrozenSet[str] = frozenset({"level", "lvl", "lv", "lev", "lvls", "levels"})
_TITLE_TAG_RE = re.compile(r"\((?:qcf|rqf|nqf|entry \d|pilot)\)", re.I)
_TITLE_START_RE = re.compile(
    r"\b(?:entry level|level \d|gcse|gce|a level|as level|t level|hnc|hnd|higher national|"
    r"btec|nvq|certificate|diploma|award|extended)\b",
    re.I,
)


# ---------------------------------------------------------------- shorthand table


@dataclass(frozen=True)
class Shorthand:
    """The general vocabulary of ``abbreviations.yml``, ready for matching."""

    expansions: Dict[Tuple[str, ...], Tuple[str, ...]]
    ambiguous: FrozenSet[str]
    #: lemma phrase -> ("qual", family) or ("syn", "#group")
    phrases: Dict[Tuple[str, ...], Tuple[str, str]]
    qual_levels: Dict[str, int]
    #: family -> itself and every family it belongs to
    qual_closure: Dict[str, FrozenSet[str]]
    numbers: Dict[str, int]
    institution_words: FrozenSet[str]
    #: every surface word of the file (known words, typo-correction targets)
    words: FrozenSet[str]
    #: surface words that belong to a qualification name (after expansion)
    qual_words: FrozenSet[str]
    #: surface phrases that name a qualification ("city and guilds", "ext dip")
    qual_surface: FrozenSet[str]
    #: the one-word ones ("btec", "hnc", "dip")
    qual_single: FrozenSet[str]
    #: the longest phrase, in words
    max_phrase: int


def _lemmas(phrase: str) -> Tuple[str, ...]:
    return tuple(lemma(w) for w in _TOKEN_RE.findall(_clean(phrase)))


def _clean(text: str) -> str:
    """Lower-case; no apostrophes ("king's" = "kings"); "&" is "and"; "nvq2" is "nvq 2"."""
    text = text.lower().replace("\u2019", "").replace("'", "")
    text = text.replace("&", " and ").replace("+", " and ")
    text = _NUMBERED_RE.sub(r"\1 \2", text)
    return re.sub(r"[-/]", " ", text)


@lru_cache(maxsize=1)
def shorthand() -> Shorthand:
    """Load ``abbreviations.yml`` once."""
    raw: Dict[str, Any] = yaml.safe_load(SHORTHAND_FILE.read_text(encoding="utf-8"))
    expansions = {
        tuple(_TOKEN_RE.findall(_clean(k))): tuple(_TOKEN_RE.findall(_clean(v)))
        for k, v in raw["expansions"].items()
    }
    phrases: Dict[Tuple[str, ...], Tuple[str, str]] = {}
    levels: Dict[str, int] = {}
    includes: Dict[str, List[str]] = {}
    qual_words: Set[str] = set()
    for family, spec in raw["qualifications"].items():
        for phrase in spec["words"]:
            # each awarding body is a family of its own, within "awarding body"
            name = f"{family}: {phrase}" if family == AWARDING_BODY else family
            phrases[_lemmas(phrase)] = ("qual", name)
            qual_words.update(_TOKEN_RE.findall(_clean(phrase)))
            if name != family:
                includes[name] = [family]
        if spec.get("level") is not None:
            levels[family] = int(spec["level"])
        includes.setdefault(family, []).extend(spec.get("includes", []))
    for group, members in raw["synonyms"].items():
        for phrase in members:
            phrases.setdefault(_lemmas(phrase), ("syn", "#" + group))
    closure: Dict[str, FrozenSet[str]] = {}
    for family in includes:
        seen, todo = {family}, list(includes[family])
        while todo:
            item = todo.pop()
            if item not in seen:
                seen.add(item)
                todo.extend(includes.get(item, []))
        closure[family] = frozenset(seen)
    words: Set[str] = set(qual_words)
    for key, value in expansions.items():
        words.update(key)
        words.update(value)
    for members in raw["synonyms"].values():
        for member in members:
            words.update(_TOKEN_RE.findall(_clean(member)))
    surface = {
        " ".join(_TOKEN_RE.findall(_clean(phrase)))
        for spec in raw["qualifications"].values()
        for phrase in spec["words"]
    }
    for key, value in expansions.items():
        if set(value) <= qual_words:
            qual_words.update(key)
            surface.add(" ".join(key))
    return Shorthand(
        expansions=expansions,
        ambiguous=frozenset(raw.get("ambiguous", [])),
        phrases=phrases,
        qual_levels=levels,
        qual_closure=closure,
        numbers={str(k): int(v) for k, v in raw["numbers"].items()},
        institution_words=frozenset(raw["institution_words"]),
        words=frozenset(words),
        qual_words=frozenset(qual_words),
        qual_surface=frozenset(surface),
        qual_single=frozenset(p for p in surface if " " not in p),
        max_phrase=max(len(p) for p in [*phrases, *expansions]),
    )


def is_dictionary_word(word: str) -> bool:
    """Whether spaCy's English lemma table knows ``word`` (lower case)."""
    return word in _dictionary()


@lru_cache(maxsize=1)
def _dictionary() -> FrozenSet[str]:
    """Every English word form spaCy's lemma table knows (never typo-corrected)."""
    table = _lemma_table()
    return frozenset(table) | frozenset(table.values())


# ---------------------------------------------------------------- results


@dataclass(frozen=True)
class CourseCandidate:
    """A course the learner may mean, best first in :meth:`Gazetteer.resolve_course`.

    ``source`` is "catalogue" for a course of the network (``course_id`` set), or
    "gazetteer" for a qualification known only by its level and subject (an Ofqual
    title, or the learner's own words), so the dialogue can carry on with those.
    """

    course_id: Optional[str]
    title: str
    institution: Optional[str]
    level: Optional[int]
    subject: Optional[str]
    score: float
    source: str
    institution_id: Optional[str] = None
    network: Optional[str] = None

    def to_dict(self) -> Dict[str, Any]:
        """The resolution of a ``course`` entity (``additional_info``)."""
        return asdict(self)


@dataclass(frozen=True)
class InstitutionMatch:
    """An institution recognised in text."""

    institution_id: str
    name: str
    score: float
    network: Optional[str] = None

    def to_dict(self) -> Dict[str, Any]:
        """The resolution of an ``institution`` entity."""
        return asdict(self)


@dataclass(frozen=True)
class NameMatch:
    """A town, subject or interest recognised in text: the catalogue's name for it."""

    name: str
    score: float


# ---------------------------------------------------------------- analysed text


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


def _allowed_edits(word: str) -> int:
    if len(word) < 4 or not word.isalpha():
        return 0
    if len(word) <= 5:
        return 1
    return 2 if len(word) <= 10 else 3


# ---------------------------------------------------------------- catalogue entries


@dataclass
class _Entry:
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


@dataclass
class _Place:
    """An institution or a town, with the word sequences that name it."""

    key: str
    name: str
    network: Optional[str]
    phrases: List[Tuple[Tuple[str, ...], float]] = field(default_factory=list)


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
        self._build_places()
        self._build_vocabulary()
        self._course_entries = [self._course_entry(i, c) for i, c in enumerate(self.courses)]
        self._course_terms = frozenset(t for e in self._course_entries for t in e.terms)
        self._course_word_cache: Dict[str, bool] = {}
        self._course_surface = frozenset(
            word
            for course in self.courses
            for part in [course["title"], course["subject"], *course["aliases"]]
            for word in _TOKEN_RE.findall(_clean(part))
            if word not in STOP_WORDS and word not in CONNECTORS and not word.isdigit()
            and word not in self._shorthand.qual_single and len(word) > 2
        )
        self._subjects = sorted({c["subject"] for c in self.courses if c["subject"]})
        self._subject_keys = {s: self.analyse(s, correct=False) for s in self._subjects}
        self._interest_terms = self._build_interests()
        self._ofqual: Optional[Tuple[List[_Entry], Dict[str, List[int]]]] = None

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

    def _build_places(self) -> None:
        """Institution names, short names and acronyms; towns."""
        sh = self._shorthand
        towns: Dict[str, _Place] = {}
        for record in [*self.institutions, *({"town": c["town"]} for c in self.courses)]:
            town = (record.get("town") or "").strip()
            if town and town.lower() not in towns:
                words = tuple(_TOKEN_RE.findall(_clean(town)))
                towns[town.lower()] = _Place(town, town, record.get("network"), [(words, 1.0)])
        self._towns = list(towns.values())
        town_words = {p.phrases[0][0] for p in self._towns}
        self._institutions: List[_Place] = []
        for record in self.institutions:
            words = tuple(_TOKEN_RE.findall(_clean(record["name"])))
            place = _Place(record["institution_id"], record["name"], record["network"])
            place.phrases.append((words, 1.0))
            short = tuple(w for w in words if w not in sh.institution_words)
            if short and short != words and len("".join(short)) >= 4 and short not in town_words:
                place.phrases.append((short, 0.95))
            significant = [w for w in words if w not in ("of", "the", "and")]
            acronym = "".join(w[0] for w in significant)
            if len(significant) >= 3 and acronym not in _dictionary():
                place.phrases.append(((acronym,), 0.9))
            code = tuple(_TOKEN_RE.findall(_clean(record["institution_id"])))
            if code and code not in (words, short) and len("".join(code)) >= 4:
                place.phrases.append((code, 0.9))
            self._institutions.append(place)
        self._place_index: Dict[Tuple[str, ...], Tuple[str, _Place, float]] = {}
        for town in self._towns:
            for words, score in town.phrases:
                self._place_index.setdefault(words, ("town", town, score))
        for inst in self._institutions:
            for words, score in inst.phrases:
                current = self._place_index.get(words)
                if current is None or (current[0] == "inst" and current[2] < score):
                    self._place_index[words] = ("inst", inst, score)
        self._max_place = max((len(w) for w in self._place_index), default=1)

    def _build_vocabulary(self) -> None:
        """Words typos are corrected towards, most frequent first; and known words."""
        counts: Dict[str, int] = {}
        for course in self.courses:
            for part in [course["title"], course["subject"], *course["aliases"]]:
                for word in _TOKEN_RE.findall(_clean(part)):
                    counts[word] = counts.get(word, 0) + 1
            for part in course["keywords"]:
                for word in _TOKEN_RE.findall(_clean(part)):
                    counts[word] = counts.get(word, 0) + 1
        for place in [*self._institutions, *self._towns]:
            for words, _score in place.phrases:
                for word in words:
                    counts[word] = counts.get(word, 0) + 1
        for word in self._shorthand.words:
            counts[word] = counts.get(word, 0) + 1
        self._vocabulary = sorted(
            (w for w in counts if len(w) >= 3 and w.isalpha()), key=lambda w: (-counts[w], w)
        )
        self._known = frozenset(counts)
        self._secondary: Optional[List[str]] = None

    def _course_entry(self, index: int, course: Dict[str, Any]) -> _Entry:
        names = [course["title"], *course["aliases"], *self._short_forms(course)]
        analyses = [self.analyse(n, correct=False) for n in names]
        written = 1 + len(course["aliases"])
        subject = self.analyse(course["subject"], correct=False)
        qualification = self.analyse(course["qualification"], correct=False)
        terms: Set[str] = set()
        quals: Set[str] = set()
        for analysis in [*analyses[:written], subject]:
            terms.update(t.text for t in analysis.content)
            terms.update(t.alt for t in analysis.content if t.alt)
        for analysis in [analyses[0], qualification]:
            quals.update(analysis.quals)
        return _Entry(
            index=index,
            terms=frozenset(terms),
            names=[frozenset(t.text for t in a.content) for a in analyses],
            quals=self._close(quals),
            keys=frozenset(a.key for a in analyses[:written] if a.key),
            short_keys=frozenset(a.key for a in analyses[written:] if a.key),
            keyword_terms=frozenset(
                t.text
                for keyword in course["keywords"]
                for t in self.analyse(keyword, places=False, correct=False).content
            ),
            level=int(course["level"]),
            institution=course["institution_id"],
            town=(course["town"] or "").lower() or None,
        )

    def _close(self, quals: Iterable[str]) -> FrozenSet[str]:
        closure = self._shorthand.qual_closure
        out: Set[str] = set()
        for qual in quals:
            out.update(closure.get(qual, {qual}))
        return frozenset(out)

    def subject_phrase(self, title: str) -> str:
        """A title without its awarding body, qualification and level words."""
        toks = self.analyse(re.sub(r"[()]", " ", title), places=False, correct=False).toks
        # the run of words between qualification and level words with most content
        runs: List[List[Tok]] = [[]]
        for tok in toks:
            if tok.kind in ("qual", "level"):
                runs.append([])
            else:
                runs[-1].append(tok)
        best = max(reversed(runs), key=lambda run: sum(t.kind == "word" for t in run))
        while best and best[0].kind != "word":
            best = best[1:]
        while best and best[-1].kind != "word":
            best = best[:-1]
        return " ".join(t.surface for t in best if t.surface)

    def _short_forms(self, course: Dict[str, Any]) -> List[str]:
        """Generated names: "ext dip engineering", "L3 engineering", "btec engineering"."""
        phrase = self.subject_phrase(course["title"])
        if not phrase or len(phrase.split()) > 4:
            return []
        level = course["level"]
        forms = [f"level {level} {phrase}", f"l{level} {phrase}", f"{phrase} level {level}"]
        quals = self._close(
            self.analyse(course["title"], correct=False).quals
            | self.analyse(course["qualification"], correct=False).quals
        )
        for family in sorted(quals):
            if family.startswith(AWARDING_BODY) or family in ("diploma", "certificate", "award"):
                continue
            if family == "apprenticeship":
                forms.append(f"{phrase} apprenticeship")
            else:
                forms.append(f"{family} {phrase}")
        return forms

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

    # ------------------------------------------------------------ the pipeline

    def correct(self, word: str) -> Tuple[str, int]:
        """Return ``word`` or the catalogue word it misspells, and the edits made."""
        if word in self._known or word in _dictionary() or word in STOP_WORDS:
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
                for word in _TOKEN_RE.findall(_clean(str(title))):
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
        raw = _TOKEN_RE.findall(_clean(text))
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
                    if before not in sh.qual_single and not _LEVEL_TOKEN_RE.match(before):
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
            found = _LEVEL_TOKEN_RE.match(word)
            if found:
                toks.append(Tok(found.group(1), "level", weight))
                i += 1
                continue
            if word in _NUMBERED and nxt.isdigit() and len(nxt) == 1 and nxt != "0":
                toks.extend([Tok(word, "raw", weight), Tok(nxt, "level", weight)])
                i += 2
                continue
            if word in _LEVEL_WORDS and (nxt in sh.numbers or (nxt.isdigit() and len(nxt) == 1)):
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
    ) -> Optional[Tuple[str, _Place, int]]:
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

    # ------------------------------------------------------------ scoring

    @staticmethod
    def _content_score(words: Sequence[Tok], entry: _Entry) -> float:
        """0.75 x how much of the text the entry explains + 0.25 x best name coverage."""
        if not words:
            return 0.0
        precision = 0.0
        for word in words:
            precision += _best(word, entry.terms) * word.weight
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
        entry: _Entry,
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

    # ------------------------------------------------------------ public API

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

    def _ofqual_index(self) -> Tuple[List[_Entry], Dict[str, List[int]]]:
        """Analyse the Ofqual titles on first use (thousands of them)."""
        if self._ofqual is None:
            entries: List[_Entry] = []
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
                    _Entry(
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

    def _resolve_place(
        self, text: str, places: Sequence[_Place], kind: str, whole: bool
    ) -> Optional[Tuple[_Place, float]]:
        analysis = self.analyse(text)
        named = [t for t in analysis.toks if t.kind == kind]
        if named and (not whole or len(analysis.toks) == 1):
            tok = named[0]
            target = next(p for p in places if p.key == tok.text)
            base = max(
                (s for words, s in target.phrases if self._place_index.get(words, ("",))[0]
                 == kind), default=0.9,
            )  # fmt: skip
            return target, round(base * tok.weight, 4)
        cleaned = " ".join(_TOKEN_RE.findall(_clean(text)))
        if len(cleaned) < 5 or (whole and any(t.kind in ("inst", "town") for t in analysis.toks)):
            return None
        choices = {" ".join(words): place for place in places for words, _ in place.phrases}
        found = process.extractOne(cleaned, list(choices), scorer=fuzz.ratio, score_cutoff=85)
        if found is None:
            return None
        return choices[found[0]], round(found[1] / 100 * 0.9, 4)

    def resolve_institution(self, text: str, whole: bool = False) -> Optional[InstitutionMatch]:
        """The institution ``text`` names: full name, short name ("northgate"), typo.

        With ``whole``, only if all of ``text`` is the name (for scanning windows).
        """
        found = self._resolve_place(text, self._institutions, "inst", whole)
        if found is None:
            return None
        place, score = found
        return InstitutionMatch(place.key, place.name, score, place.network)

    def resolve_town(self, text: str, whole: bool = False) -> Optional[NameMatch]:
        """The catalogue town ``text`` names (towns of the institutions and courses)."""
        found = self._resolve_place(text, self._towns, "town", whole)
        if found is None:
            return None
        return NameMatch(found[0].name, found[1])

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
            score = _fit(content, analysis.content, strict=names_only)
            if score >= 0.75 and (best is None or score > best.score):
                best = NameMatch(subject, round(score, 4))
        if names_only or (best is not None and best.score >= 0.9):
            return best
        by_subject: Dict[str, float] = {}
        for entry in self._course_entries:
            precision = sum(
                max(_best(w, entry.terms), KEYWORD_EVIDENCE * _best(w, entry.keyword_terms))
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
            score = _fit(content, terms, strict=strict)
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
            known = bool(content) and all(_best(t, self._course_terms) > 0 for t in content)
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


def _best(word: Tok, terms: FrozenSet[str]) -> float:
    """Best similarity of ``word`` to ``terms``; a synonym of other words scores 0.95."""
    if word.alt:
        if word.alt in terms:
            return 1.0
        return SYNONYM_SIMILARITY if word.text in terms else 0.0
    if word.text in terms:
        return 1.0
    return max((similarity(word.text, term) for term in terms), default=0.0)


def _fit(words: Sequence[Tok], terms: Sequence[Tok], strict: bool = False) -> float:
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


def parse_level(text: str) -> Optional[int]:
    """The level ``text`` names or implies, without a catalogue.

    "L3", "level three", "lvl 2" -> the number; otherwise the qualification implies it:
    extended diploma, T Level, Access to HE, A level -> 3; GCSE -> 2; HNC -> 4; HND,
    foundation degree -> 5; degree -> 6.
    """
    return _empty_gazetteer().parse_level(text)


@lru_cache(maxsize=1)
def _empty_gazetteer() -> Gazetteer:
    return Gazetteer()


def dumps(gazetteer: Gazetteer) -> str:
    """The gazetteer as compact JSON text."""
    return json.dumps(gazetteer.to_dict(), ensure_ascii=False, separators=(",", ":"))


def loads(text: str) -> Gazetteer:
    """A gazetteer from :func:`dumps` text."""
    return Gazetteer.from_dict(json.loads(text))
