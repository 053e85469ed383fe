"""Catalogue-grounded entity extraction: courses, colleges, towns, subjects, interests.

``CatalogueEntityExtractor`` runs after ``DIETClassifier``. At training time it reads
the catalogue database into a :class:`~pathways_catalogue.resolve.Gazetteer` and
stores it in the model; at run time it finds, in each message:

* exact names with a spaCy ``PhraseMatcher`` (``attr="LOWER"``) built from the
  gazetteer: course titles, aliases and short forms, institutions, towns, subjects,
  course keywords, qualification words ("ext dip", "btec");
* course mentions around qualification words and levels ("the ext dip in
  enginering"), misspelt names in small token windows (rapidfuzz, in the gazetteer);
* levels, grades and study modes with the small rule functions below;
* the spans DIET tagged as course, institution, town, subject or interest, which it
  resolves against the catalogue.

Each entity it adds has ``extractor`` = ``CatalogueEntityExtractor``, ``value`` = the
text span and ``additional_info`` = the resolution of ``docs/conversation.md`` (for a
course also ``alternatives``, the next candidates, for "did you mean ...?"). Entities
of other extractors that overlap one of its entities are dropped: ours carry the
resolution. spaCy is imported lazily (it pulls in TensorFlow).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence, Set, Tuple

import rasa.shared.utils.io
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    EXTRACTOR,
    INTENT,
    INTENT_NAME_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from pathways_catalogue.resolve import CONNECTORS, FILLER_WORDS, Gazetteer, NameMatch
from pathways_catalogue.text import STOP_WORDS, lemma

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import Matcher, PhraseMatcher
    from spacy.tokens import Doc


GAZETTEER_FILE = "gazetteer.json"
#: environment variable naming the network served (shared with the actions)
NETWORK_ENV = "PATHWAYS_NETWORK"
#: entity types this component resolves against the catalogue
RESOLVED = ("course", "institution", "town", "subject", "interest")
#: which entity wins an exact tie of spans (earlier wins)
PRIORITY = (
    "course", "institution", "town", "level", "grade", "mode", "ordinal", "subject", "interest"
)  # fmt: skip
#: words before a town that make a dictionary word ("march") a place
LOCATIVES = frozenset({"near", "in", "around", "from", "at", "of", "to", "nr", "outside", "by"})
#: words that say a name is a college or university ("lindum uni")
INSTITUTION_NOUNS = frozenset(
    {"college", "uni", "university", "campus", "centre", "center", "academy", "school"}
)
#: tokens that may sit inside a course name
COURSE_LINKS = CONNECTORS | {"-", "'s", "(", ")", "&", "/"}

NUMBER_WORDS = ["one", "two", "three", "four", "five", "six", "seven", "eight"]
#: words after "first", "last"... that make them no listed option ("last night")
TIME_NOUNS = frozenset(
    {"night", "year", "years", "time", "week", "day", "month", "term", "thing", "place", "job"}
)
ORDINAL_WORDS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"]
#: index (0-based; -1 = the last) of each ordinal word
ORDINALS: Dict[str, int] = {
    **{w: i for i, w in enumerate(ORDINAL_WORDS)},
    **{w: i for i, w in enumerate(NUMBER_WORDS)},
    **{str(i + 1): i for i in range(8)},
    **{f"{i + 1}{s}": i for i, s in enumerate(["st", "nd", "rd", "th", "th", "th", "th", "th"])},
    "top": 0, "last": -1, "final": -1, "bottom": -1,
}  # fmt: skip
MODES = {
    "part": "part-time", "parttime": "part-time", "pt": "part-time", "weekend": "part-time",
    "weekends": "part-time", "full": "full-time", "fulltime": "full-time",
    "evening": "evening", "evenings": "evening", "night": "evening", "nights": "evening",
    "online": "distance", "distance": "distance", "remote": "distance", "remotely": "distance",
    "home": "distance", "apprenticeship": "work-based", "apprenticeships": "work-based",
    "work": "work-based", "job": "work-based", "block": "block-release", "day": "block-release",
}  # fmt: skip


# ---------------------------------------------------------------- rules


def level_patterns() -> List[List[Dict[str, Any]]]:
    """Levels: "level 3", "lvl 2", "level three", "level-3", "L3", "lvl2"."""
    number = {"LOWER": {"IN": [*map(str, range(1, 9)), *NUMBER_WORDS]}}
    return [
        [{"LOWER": {"IN": ["level", "lvl", "lv", "lev"]}}, {"ORTH": "-", "OP": "?"}, number],
        [{"LOWER": {"REGEX": r"^(?:l|lv|lvl|lev|level)[1-8]$"}}],
    ]


def grade_patterns() -> List[List[Dict[str, Any]]]:
    """Grades: "merit", "triple distinction", "DMM", "D*D*D*", "grade 5", A levels "A*AB"."""
    word = {"LOWER": {"IN": ["pass", "merit", "merits", "distinction", "distinctions"]}}
    return [
        [{"LOWER": {"IN": ["double", "triple", "single"]}, "OP": "?"}, word,
         {"LOWER": {"IN": ["star", "*"]}, "OP": "?"}],
        [{"LOWER": {"REGEX": r"^(?!mmm$|ppp$)(?:d\*?|m|p){3}$"}}],
        [{"LOWER": {"REGEX": r"^(?:d\*){2}d$"}}, {"ORTH": "*", "OP": "?"}],
        [{"LOWER": "grade"}, {"LOWER": {"REGEX": r"^[1-9]$|^[a-e]\*?$"}}],
        [{"TEXT": {"REGEX": r"^(?:A\*|[A-E]){3}$"}}],
    ]  # fmt: skip


def mode_patterns() -> List[List[Dict[str, Any]]]:
    """Study modes: part-time, full-time, evenings, weekends, online, distance, day release."""
    dash = {"ORTH": "-", "OP": "?"}
    return [
        [{"LOWER": {"IN": ["part", "full"]}}, dash, {"LOWER": "time"}],
        [{"LOWER": {"IN": ["parttime", "fulltime", "evenings", "weekends", "online"]}}],
        [{"LOWER": {"IN": ["evening", "weekend"]}},
         {"LOWER": {"IN": ["classes", "class"]}, "OP": "?"}],
        [{"LOWER": {"IN": ["night", "nights"]}}, {"LOWER": {"IN": ["classes", "class"]}}],
        [{"LOWER": "distance"}, {"LOWER": {"IN": ["learning", "study", "course"]}, "OP": "?"}],
        [{"LOWER": {"IN": ["day", "block"]}}, {"LOWER": "release"}],
        [{"LOWER": {"IN": ["from", "at"]}}, {"LOWER": "home"}],
        [{"LOWER": "work"}, dash, {"LOWER": "based"}],
        [{"LOWER": "on"}, {"LOWER": "the"}, {"LOWER": "job"}],
        [{"LOWER": {"IN": ["apprenticeship", "apprenticeships"]}}],
    ]  # fmt: skip


def ordinal_patterns() -> List[List[Dict[str, Any]]]:
    """Which listed option: "second", "2nd", "last", "option 3", "number two", "the top one"."""
    ordinal = [w for w in ORDINALS if not w.isdigit() and w not in NUMBER_WORDS]
    ordinal = [w for w in ordinal if w not in ("top", "bottom")]
    number = [*map(str, range(1, 9)), *NUMBER_WORDS]
    return [
        [{"LOWER": {"IN": ordinal}}],
        [{"LOWER": {"IN": ["top", "bottom"]}}, {"LOWER": {"IN": ["one", "option", "route"]}}],
        [{"LOWER": {"IN": ["option", "number", "no", "route", "choice"]}},
         {"LOWER": {"IN": number}}],
        [{"LOWER": {"IN": ["about", "on"]}}, {"LOWER": {"IN": number[:8]}}],
    ]  # fmt: skip


def rule_patterns() -> Dict[str, List[List[Dict[str, Any]]]]:
    """Every rule of this module, by entity type (for one spaCy ``Matcher``)."""
    return {
        "level": level_patterns(),
        "grade": grade_patterns(),
        "mode": mode_patterns(),
        "ordinal": ordinal_patterns(),
    }


def ordinal_of(text: str) -> Optional[int]:
    """The 0-based index an ordinal span names ("second" -> 1, "last" -> -1)."""
    words = text.lower().split()
    return ORDINALS.get(words[-1]) if words else None


def mode_of(text: str) -> Optional[str]:
    """The contract study mode a mode span names ("evening classes" -> "evening")."""
    for word in text.lower().replace("-", " ").split():
        if word in MODES:
            return MODES[word]
    return None


# ---------------------------------------------------------------- the component


@dataclass
class _Found:
    """An entity found by this component, by token span."""

    entity: str
    start: int
    end: int
    info: Optional[Dict[str, Any]] = None
    guided: bool = False
    score: float = 1.0

    def overlaps(self, other: _Found) -> bool:
        return self.start < other.end and other.start < self.end


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=True
)
class CatalogueEntityExtractor(GraphComponent, EntityExtractorMixin):
    """Finds catalogue names in messages and resolves them to catalogue ids."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        """The component's default config (see parent class for full docstring)."""
        return {
            # network (slug) whose courses are recognised; None: PATHWAYS_NETWORK if set,
            # else every network in the database
            "network": None,
            # database URL of the catalogue; None: CATALOGUE_URL, else var/pathways.db
            "catalogue_url": None,
            # also recognise Ofqual qualification titles (courses outside the network)
            "include_qualifications": True,
            # lowest score of a course mention found by this component alone
            "min_course_score": 0.6,
            # lowest score of a course this component finds only in the Ofqual gazetteer
            "min_gazetteer_score": 0.75,
            # lowest score to resolve a course span that another extractor (DIET) tagged
            # (a span without a qualification word or level must match a catalogue
            # course with at least min_course_score)
            "min_guided_course_score": 0.45,
            # lowest score of an institution or town (exact names score 0.9 to 1)
            "min_place_score": 0.85,
            # lowest score of a subject or interest
            "min_topic_score": 0.8,
            # intents in which lone subject and interest words are tagged; in others only
            # the subject and interest spans DIET tagged are resolved
            "topic_intents": ["inform_course", "inform_interest", "change_interest"],
            # intents in which such a word is an interest even if it names a subject
            "interest_intents": ["inform_interest", "change_interest"],
            # intents in which such a word is a course when it names a catalogue course
            "course_intents": ["inform_course"],
            # intents that refer to listed options, where ordinals are tagged by rule
            "ordinal_intents": ["ask_details", "ask_after", "ask_requirements", "ask_contact"],
            # longest token window tried for misspelt names
            "max_window": 4,
            # other course candidates listed under "alternatives" in a course resolution
            "alternatives": 3,
            # drop other extractors' entities that overlap one of this component's
            "replace_overlapping": True,
            # drop other extractors' entities that cannot be what they claim: an
            # institution or town the catalogue does not know that does not look like a
            # name (no capital letter, no word such as "college"), or a course, subject or
            # interest made only of stop words ("and", "ve")
            "drop_noise": True,
        }

    def __init__(
        self,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        gazetteer: Optional[Gazetteer] = None,
    ) -> None:
        """Create the component; matchers are built when there is a gazetteer."""
        self._config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self._gazetteer = gazetteer or Gazetteer()
        self._nlp: Optional[Language] = None
        self._phrases: Optional[PhraseMatcher] = None
        self._rules: Optional[Matcher] = None
        if gazetteer is not None:
            self._build()

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> CatalogueEntityExtractor:
        """Creates a new untrained component (see parent class for full docstring)."""
        return cls(config, model_storage, resource)

    @classmethod
    def fingerprint_addon(cls, config: Dict[str, Any]) -> Optional[str]:
        """Retrain when the catalogue changes, not only when the NLU data does."""
        from sqlalchemy.exc import SQLAlchemyError
        from sqlalchemy.orm import Session

        from pathways_catalogue.db import make_engine
        from pathways_catalogue.fingerprint import catalogue_fingerprint

        merged = {**cls.get_default_config(), **config}
        try:
            engine = make_engine(merged["catalogue_url"])
            try:
                with Session(engine, future=True) as session:
                    digest = catalogue_fingerprint(session)
            finally:
                engine.dispose()
        except SQLAlchemyError:
            digest = "catalogue-unavailable"
        return f"{digest}:{_network(merged)}"

    # ------------------------------------------------------------ training and storage

    def train(self, training_data: TrainingData) -> Resource:
        """Read the catalogue into a gazetteer and persist it (training data unused)."""
        self._gazetteer = self._read_catalogue()
        if not len(self._gazetteer):
            rasa.shared.utils.io.raise_warning(
                f"{self.name} found no courses in the catalogue database "
                f"(network {_network(self._config) or 'any'}). Import a network first "
                f"(python -m pathways_catalogue import FOLDER); until then it only "
                f"recognises levels, grades and study modes."
            )
        self._build()
        self.persist()
        return self._resource

    def _read_catalogue(self) -> Gazetteer:
        from sqlalchemy.exc import SQLAlchemyError
        from sqlalchemy.orm import Session

        from pathways_catalogue.db import make_engine

        engine = make_engine(self._config["catalogue_url"])
        try:
            with Session(engine, future=True) as session:
                return Gazetteer.from_session(
                    session,
                    network=_network(self._config),
                    include_qualifications=self._config["include_qualifications"],
                )
        except SQLAlchemyError as err:
            rasa.shared.utils.io.raise_warning(
                f"{self.name} could not read the catalogue database ({err.__class__.__name__}: "
                f"{err}). It is trained with an empty gazetteer."
            )
            return Gazetteer()
        finally:
            engine.dispose()

    def persist(self) -> None:
        """Write the gazetteer to the model storage as JSON."""
        with self._model_storage.write_to(self._resource) as directory:
            path = directory / GAZETTEER_FILE
            path.write_text(
                json.dumps(self._gazetteer.to_dict(), ensure_ascii=False), encoding="utf-8"
            )

    @classmethod
    def load(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> CatalogueEntityExtractor:
        """Loads the trained component (see parent class for full docstring)."""
        try:
            with model_storage.read_from(resource) as directory:
                data = json.loads((directory / GAZETTEER_FILE).read_text(encoding="utf-8"))
            gazetteer = Gazetteer.from_dict(data)
        except (ValueError, KeyError, TypeError, FileNotFoundError) as err:
            rasa.shared.utils.io.raise_warning(
                f"Failed to load {cls.__name__} from model storage ({err}); it will only "
                f"recognise levels, grades and study modes. Retrain the model."
            )
            gazetteer = Gazetteer()
        component = cls(config, model_storage, resource, gazetteer)
        gazetteer.warm_up()
        return component

    def _build(self) -> None:
        """The blank English pipeline and the matchers (spaCy is imported here)."""
        import spacy
        from spacy.matcher import Matcher, PhraseMatcher

        nlp = spacy.blank("en")
        phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        for label, names in self._gazetteer.phrases().items():
            if names:
                phrases.add(label, [nlp.make_doc(name) for name in _variants(names)])
        quals = self._gazetteer.qualification_phrases()
        quals += [q.replace(" ", "-") for q in quals if " " in q]
        quals = _variants(quals)
        phrases.add("qual", [nlp.make_doc(q) for q in quals])
        rules = Matcher(nlp.vocab)
        for label, patterns in rule_patterns().items():
            rules.add(label, patterns)
        self._nlp, self._phrases, self._rules = nlp, phrases, rules

    # ------------------------------------------------------------ inference

    def process(self, messages: List[Message]) -> List[Message]:
        """Add resolved catalogue entities to each message (see module docstring)."""
        if self._nlp is None:
            self._build()
        for message in messages:
            text = message.get(TEXT)
            if not text:
                continue
            others = [dict(e) for e in message.get(ENTITIES, []) if e.get(EXTRACTOR) != self.name]
            intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            ours = self.extract(text, others, intent)
            if self._config["drop_noise"]:
                others = [e for e in others if not self._noise(e, text)]
            if self._config["replace_overlapping"]:
                others = [e for e in others if not any(_replaces(o, e, text) for o in ours)]
            entities = sorted(others + ours, key=lambda e: e[ENTITY_ATTRIBUTE_START])
            message.set(ENTITIES, entities, add_to_output=True)
        return messages

    def _noise(self, entity: Dict[str, Any], text: str) -> bool:
        """Whether another extractor's entity cannot be what it claims (``drop_noise``)."""
        kind = entity.get(ENTITY_ATTRIBUTE_TYPE)
        span = text[entity[ENTITY_ATTRIBUTE_START] : entity[ENTITY_ATTRIBUTE_END]]
        if kind in ("course", "subject", "interest"):
            return all(_is_edge_word(w.lower()) or len(w) <= 2 for w in span.split())
        if kind in ("grade", "level"):
            return not self._rule_entities(self._make_doc(span))
        if kind not in ("institution", "town"):
            return False
        if kind == "institution" and self._gazetteer.resolve_institution(span) is not None:
            return False
        if kind == "town" and self._gazetteer.resolve_town(span) is not None:
            return False
        words = span.split()
        return not any(w[:1].isupper() for w in words) and not any(
            w.lower() in INSTITUTION_NOUNS for w in words
        )

    def _make_doc(self, text: str) -> Doc:
        if self._nlp is None:
            self._build()
        assert self._nlp is not None
        return self._nlp.make_doc(text)

    def extract(
        self, text: str, others: Sequence[Dict[str, Any]] = (), intent: Optional[str] = None
    ) -> List[Dict[str, Any]]:
        """Return the entities this component finds in ``text``, given other extractors'."""
        if self._nlp is None:
            self._build()
        assert self._nlp is not None
        doc = self._nlp.make_doc(text)
        found = self._rule_entities(doc, intent)
        institution = self._lexical_places(doc, found)
        courses = self._lexical_courses(doc, found, institution)
        topics = intent is None or intent in self._config["topic_intents"]
        if topics:
            as_interest = intent in self._config["interest_intents"]
            found_topics = self._lexical_topics(doc, [*found, *courses], as_interest)
            found_topics = [t for t in found_topics if not _clashes(doc, t, others)]
            if intent in self._config["course_intents"]:
                found_topics = [self._as_course(doc, t, found, institution) for t in found_topics]
        else:
            found_topics = []
        guided = self._guided(doc, others, found, institution)
        chosen = _choose([*found, *courses, *found_topics, *guided])
        chosen = self._merge_neighbours(doc, chosen, others, found, institution)
        return [self._entity(doc, f) for f in chosen]

    def _as_course(
        self, doc: Doc, topic: _Found, found: List[_Found], institution: Optional[str]
    ) -> _Found:
        """A subject or interest word that names a catalogue course, as that course."""
        levels = [f for f in found if f.entity == "level"]
        text = doc[topic.start : topic.end].text
        course = self._resolve_kind("course", text, levels, doc, topic.start, topic.end,
                                    institution)  # fmt: skip
        if course is None or course.info is None or course.info["source"] != "catalogue":
            return topic
        course.guided = False
        return course

    def _merge_neighbours(
        self,
        doc: Doc,
        chosen: List[_Found],
        others: Sequence[Dict[str, Any]],
        found: List[_Found],
        institution: Optional[str],
    ) -> List[_Found]:
        """Join our course or interest with an adjacent one of the other extractor.

        "lorry" (ours) + "driver" (DIET) becomes "lorry driver" when the whole resolves.
        """
        levels = [f for f in found if f.entity == "level"]
        spans = []
        for entity in others:
            span = doc.char_span(
                entity[ENTITY_ATTRIBUTE_START], entity[ENTITY_ATTRIBUTE_END],
                alignment_mode="expand",
            )  # fmt: skip
            if span is not None and entity.get(ENTITY_ATTRIBUTE_TYPE) in ("course", "interest"):
                spans.append((entity[ENTITY_ATTRIBUTE_TYPE], span.start, span.end))
        out = list(chosen)
        for kind, start, end in spans:
            for ours in out:
                if ours.entity != kind or ours.overlaps(_Found(kind, start, end)):
                    continue
                if ours.end == start or end == ours.start:
                    lo, hi = min(ours.start, start), max(ours.end, end)
                    if any(o is not ours and o.overlaps(_Found(kind, lo, hi)) for o in out):
                        continue
                    text = doc[lo:hi].text
                    merged = self._resolve_kind(kind, text, levels, doc, lo, hi, institution)
                    if merged is not None:
                        out[out.index(ours)] = merged
                    break
        return sorted(out, key=lambda f: f.start)

    # rules, places, courses, topics, DIET's spans -------------------------------

    def _rule_entities(self, doc: Doc, intent: Optional[str] = None) -> List[_Found]:
        from spacy.util import filter_spans

        assert self._rules is not None
        ordinals = intent in self._config["ordinal_intents"]
        spans = filter_spans(
            [s for s in self._rules(doc, as_spans=True) if ordinals or s.label_ != "ordinal"]
        )
        out = []
        for span in spans:
            info: Optional[Dict[str, Any]] = None
            if span.label_ == "ordinal":
                # "option 3" -> "3", "the top one" -> "top"
                at = [t.i for t in span if t.lower_ in ORDINALS]
                at = [i for i in at if doc[i].lower_ not in NUMBER_WORDS] or at
                after = doc[span.end].lower_ if span.end < len(doc) else ""
                index = ordinal_of(doc[at[-1]].text) if at else None
                if index is not None and after not in TIME_NOUNS:
                    out.append(_Found("ordinal", at[-1], at[-1] + 1, {"index": index}))
                continue
            if span.label_ == "level":
                level = self._gazetteer.level_of(span.text.replace("-", " "))
                info = {"level": level} if level else None
            elif span.label_ == "mode":
                mode = mode_of(span.text)
                info = {"mode": mode} if mode else None
            out.append(_Found(span.label_, span.start, span.end, info))
        return out

    def _phrase_matches(self, doc: Doc) -> Dict[str, List[Tuple[int, int]]]:
        assert self._phrases is not None and self._nlp is not None
        out: Dict[str, List[Tuple[int, int]]] = {}
        for match_id, start, end in self._phrases(doc):
            out.setdefault(self._nlp.vocab.strings[match_id], []).append((start, end))
        return out

    def _lexical_places(self, doc: Doc, found: List[_Found]) -> Optional[str]:
        """Add institutions and towns (exact or misspelt) to ``found``; return a college."""
        exact = self._phrase_matches(doc)
        places: List[_Found] = []
        for label in ("institution", "town"):
            for start, end in exact.get(label, []):
                text = doc[start:end].text
                match = (self._gazetteer.resolve_institution(text) if label == "institution"
                         else self._gazetteer.resolve_town(text))  # fmt: skip
                if match is not None and (label != "town" or _looks_like_place(doc, start)):
                    info = _info(match, "town")
                    places.append(_Found(label, start, end, info, score=match.score))
        places = _choose(places)
        taken = {i for f in [*found, *places] for i in range(f.start, f.end)}
        for start, end in _windows(doc, taken, self._config["max_window"]):
            if any(i in taken for i in range(start, end)):
                continue
            text = doc[start:end].text
            least = self._config["min_place_score"]
            inst = self._gazetteer.resolve_institution(text, whole=True)
            if inst is not None and inst.score >= least:
                places.append(_Found("institution", start, end, _info(inst), score=inst.score))
                taken.update(range(start, end))
                continue
            town = self._gazetteer.resolve_town(text, whole=True)
            if town is not None and town.score >= least and _looks_like_place(doc, start):
                places.append(_Found("town", start, end, _info(town, "town"), score=town.score))
                taken.update(range(start, end))
        for place in places:
            if place.entity == "institution":
                while place.end < len(doc) and doc[place.end].lower_ in INSTITUTION_NOUNS:
                    place.end += 1
        found.extend(places)
        names = [f for f in places if f.entity == "institution"]
        return doc[names[0].start : names[0].end].text if names else None

    def _lexical_courses(
        self, doc: Doc, found: List[_Found], institution: Optional[str]
    ) -> List[_Found]:
        """Course mentions: runs of course words around a qualification word or level."""
        exact = self._phrase_matches(doc)
        quals = {i for s, e in exact.get("qual", []) for i in range(s, e)}
        levels = {i for f in found if f.entity == "level" for i in range(f.start, f.end)}
        blocked = {
            i for f in found if f.entity in ("institution", "town", "grade")
            for i in range(f.start, f.end)
        }  # fmt: skip
        roles: List[Optional[str]] = []
        for i, token in enumerate(doc):
            before = roles[-1] if roles else None
            if before == "link" and i >= 2 and doc[i - 1].lower_ in ("in", "of"):
                before = roles[-2]  # "diploma in IT"
            if i in blocked:
                role = None
            elif i in levels:
                role = "level"
            elif i in quals:
                role = "qual"
            elif token.lower_ in COURSE_LINKS:
                role = "link"
            elif self._gazetteer.is_course_word(token.text, before in ("qual", "level")):
                role = "content"
            else:
                role = None
            roles.append(role)
        spans: List[Tuple[int, int]] = []
        i = 0
        while i < len(doc):
            if roles[i] is None:
                i += 1
                continue
            j = i
            while j < len(doc) and roles[j] is not None:
                j += 1
            run = roles[i:j]
            if "content" in run and ("qual" in run or "level" in run):
                spans.append((i, j))
            i = j
        for start, end in exact.get("course", []):
            if not any(k in blocked for k in range(start, end)):
                spans.append((start, end))
        out: List[_Found] = []
        all_levels = [f for f in found if f.entity == "level"]
        for start, end in spans:
            core = _trim(doc, start, end, roles, levels)
            if core is None:
                continue
            context = doc[start:end].text
            if not any(start <= f.start < end for f in all_levels) and len(all_levels) == 1:
                context += " " + doc[all_levels[0].start : all_levels[0].end].text
            resolved = self._resolve_course(context, institution)
            if resolved is not None and resolved["score"] >= self._least_course(resolved):
                out.append(_Found("course", core[0], core[1], resolved, score=resolved["score"]))
        return out

    def _least_course(self, resolved: Dict[str, Any]) -> float:
        """The score a course this component found alone needs, by source."""
        if resolved["source"] == "catalogue":
            return float(self._config["min_course_score"])
        return float(self._config["min_gazetteer_score"])

    def _resolve_course(self, text: str, institution: Optional[str]) -> Optional[Dict[str, Any]]:
        limit = 1 + int(self._config["alternatives"])
        candidates = self._gazetteer.resolve_course(text, institution=institution, limit=limit)
        if not candidates:
            return None
        best = candidates[0].to_dict()
        best["alternatives"] = [c.to_dict() for c in candidates[1:]]
        return best

    def _lexical_topics(
        self, doc: Doc, taken_by: List[_Found], as_interest: bool = False
    ) -> List[_Found]:
        """Subjects and interests (exact, or in a window of words) not already taken.

        With ``as_interest`` (the learner is saying what they like) a subject name is
        tagged as an interest.
        """
        exact = self._phrase_matches(doc)
        taken = {i for f in taken_by for i in range(f.start, f.end)}
        out: List[_Found] = []
        candidates = [
            (s, e) for label in ("subject", "interest") for s, e in exact.get(label, [])
        ] + list(_windows(doc, taken, self._config["max_window"]))
        candidates.sort(key=lambda se: (-(se[1] - se[0]), se[0]))
        for start, end in candidates:
            if any(i in taken for i in range(start, end)):
                continue
            text = doc[start:end].text
            subject = self._gazetteer.resolve_subject(text, names_only=True)
            if subject is not None and subject.score >= self._config["min_topic_score"]:
                if as_interest:
                    keyword = NameMatch(subject.name.lower(), subject.score)
                    out.append(_Found("interest", start, end, _info(keyword, "keyword")))
                else:
                    out.append(_Found("subject", start, end, _info(subject, "subject")))
                taken.update(range(start, end))
                continue
            interest = self._gazetteer.resolve_interest(text, strict=True)
            if interest is not None and interest.score >= self._config["min_topic_score"]:
                out.append(_Found("interest", start, end, _info(interest, "keyword")))
                taken.update(range(start, end))
        return out

    def _guided(
        self,
        doc: Doc,
        others: Sequence[Dict[str, Any]],
        found: List[_Found],
        institution: Optional[str],
    ) -> List[_Found]:
        """Resolve the course, place, subject and interest spans other extractors tagged."""
        fixed = {i for f in found for i in range(f.start, f.end)}
        levels = [f for f in found if f.entity == "level"]
        out: List[_Found] = []
        for entity in others:
            kind = entity.get(ENTITY_ATTRIBUTE_TYPE)
            if kind not in RESOLVED:
                continue
            span = doc.char_span(
                entity[ENTITY_ATTRIBUTE_START], entity[ENTITY_ATTRIBUTE_END],
                alignment_mode="expand",
            )  # fmt: skip
            if span is None:
                continue
            start, end = span.start, span.end
            while start < end and (start in fixed or _is_edge_word(doc[start].lower_)):
                start += 1
            while end > start and (end - 1 in fixed or _is_edge_word(doc[end - 1].lower_)):
                end -= 1
            if start >= end or all(len(t.text) <= 2 for t in doc[start:end]):
                continue
            parts = _split_on_and(doc, start, end) if kind == "interest" else []
            split = [self._resolve_kind(kind, doc[s:e].text, levels, doc, s, e, institution)
                     for s, e in parts]  # fmt: skip
            if len(parts) > 1 and all(split):
                out.extend(f for f in split if f is not None)
                continue
            text = doc[start:end].text
            found_here = self._resolve_kind(kind, text, levels, doc, start, end, institution)
            if found_here is not None:
                out.append(found_here)
        return out

    def _resolve_kind(
        self,
        kind: str,
        text: str,
        levels: List[_Found],
        doc: Doc,
        start: int,
        end: int,
        institution: Optional[str],
    ) -> Optional[_Found]:
        gazetteer, config = self._gazetteer, self._config
        if kind in ("subject", "interest") and gazetteer.names_only_qualification(text):
            kind = "course"
        if kind == "course":
            near = [f for f in levels if f.end <= start or f.start >= end]
            context = text + "".join(" " + doc[f.start : f.end].text for f in near[:1])
            resolved = self._resolve_course(context, institution)
            if resolved is None:
                return None
            marked = bool(near) or gazetteer.names_qualification(text)
            least = (
                config["min_guided_course_score"] if marked else self._least_course(resolved)
            )
            if marked or resolved["source"] == "catalogue":
                if resolved["score"] >= least:
                    return _Found(kind, start, end, resolved, guided=True, score=resolved["score"])
            return None
        match: Optional[Any]
        key = {"town": "town", "subject": "subject", "interest": "keyword"}.get(kind, "")
        if kind == "institution":
            match = gazetteer.resolve_institution(text)
            least = config["min_place_score"]
        elif kind == "town":
            match = gazetteer.resolve_town(text)
            least = config["min_place_score"]
        elif kind == "subject":
            match = gazetteer.resolve_subject(text)
            least = 0.6
        else:
            match = gazetteer.resolve_interest(text)
            if match is None:
                ranked = gazetteer.match_interests(text, limit=1)
                match = NameMatch(*ranked[0]) if ranked else None
            least = config["min_topic_score"]
        if match is None or match.score < least:
            return None
        return _Found(kind, start, end, _info(match, key), guided=True, score=match.score)

    def _entity(self, doc: Doc, found: _Found) -> Dict[str, Any]:
        span = doc[found.start : found.end]
        entity: Dict[str, Any] = {
            ENTITY_ATTRIBUTE_TYPE: found.entity,
            ENTITY_ATTRIBUTE_START: span.start_char,
            ENTITY_ATTRIBUTE_END: span.end_char,
            ENTITY_ATTRIBUTE_VALUE: span.text,
            EXTRACTOR: self.name,
        }
        if found.info is not None:
            entity["additional_info"] = found.info
        return entity


# ---------------------------------------------------------------- helpers


def _network(config: Dict[str, Any]) -> Optional[str]:
    """The network slug of the config, else ``PATHWAYS_NETWORK``, else None (all)."""
    return config.get("network") or os.environ.get(NETWORK_ENV) or None


def _info(match: Any, key: str = "") -> Dict[str, Any]:
    """The ``additional_info`` of an institution, town, subject or interest match."""
    if isinstance(match, NameMatch):
        return {key: match.name, "score": match.score}
    info: Dict[str, Any] = match.to_dict()
    return info


def _replaces(ours: Dict[str, Any], other: Dict[str, Any], text: str) -> bool:
    """Whether our entity replaces another extractor's.

    It does when they overlap, or when both are ordinals side by side ("last" + "one").
    """
    start, end = ours[ENTITY_ATTRIBUTE_START], ours[ENTITY_ATTRIBUTE_END]
    if other[ENTITY_ATTRIBUTE_START] < end and start < other[ENTITY_ATTRIBUTE_END]:
        return True
    if ours[ENTITY_ATTRIBUTE_TYPE] != "ordinal" or other[ENTITY_ATTRIBUTE_TYPE] != "ordinal":
        return False
    gap = text[end : other[ENTITY_ATTRIBUTE_START]] or text[other[ENTITY_ATTRIBUTE_END] : start]
    return gap.strip() == ""


def _variants(phrases: Sequence[str]) -> List[str]:
    """Phrases, plus the same with "&" for "and" ("city & guilds")."""
    out = list(phrases)
    out += [p.replace(" and ", " & ") for p in phrases if " and " in p]
    return out


def _split_on_and(doc: Doc, start: int, end: int) -> List[Tuple[int, int]]:
    """The parts of a span between "and", "or" and commas ("cranes and shipping")."""
    parts, begin = [], start
    for i in range(start, end):
        if doc[i].lower_ in ("and", "or", ",", "&"):
            if begin < i:
                parts.append((begin, i))
            begin = i + 1
    if begin < end:
        parts.append((begin, end))
    return parts


def _is_edge_word(word: str) -> bool:
    """Words a name does not start or end with ("the", "in", "done", "-")."""
    return (
        word in STOP_WORDS
        or lemma(word) in STOP_WORDS
        or word in FILLER_WORDS
        or word in COURSE_LINKS
        or not any(c.isalnum() for c in word)
    )


def _looks_like_place(doc: Doc, start: int) -> bool:
    """A town name that is also a word ("March") needs a capital or "near", "in"..."""
    from pathways_catalogue.resolve import is_dictionary_word

    token = doc[start]
    if not is_dictionary_word(token.lower_):
        return True
    return token.text[:1].isupper() or (start > 0 and doc[start - 1].lower_ in LOCATIVES)


def _windows(doc: Doc, taken: Set[int], size: int) -> List[Tuple[int, int]]:
    """Token windows (longest first) of words, not starting or ending on a stop word."""
    out = []
    for width in range(size, 0, -1):
        for start in range(0, len(doc) - width + 1):
            end = start + width
            if any(i in taken for i in range(start, end)):
                continue
            first, last = doc[start].lower_, doc[end - 1].lower_
            if _is_edge_word(first) or _is_edge_word(last):
                continue
            if not all(any(c.isalpha() for c in t.text) or t.text in "&-'" for t in doc[start:end]):
                continue
            out.append((start, end))
    return out


def _trim(
    doc: Doc, start: int, end: int, roles: Sequence[Optional[str]], levels: Set[int]
) -> Optional[Tuple[int, int]]:
    """A course span without the levels and linking words at its edges."""
    def edge(i: int) -> bool:
        return i in levels or (roles[i] not in ("content", "qual") and _is_edge_word(doc[i].lower_))

    while start < end and edge(start):
        start += 1
    while end > start and edge(end - 1):
        end -= 1
    if start >= end:
        return None
    if doc[end - 1].text != ")" and end < len(doc) and doc[end].text == ")":
        if "(" in doc[start:end].text:
            end += 1
    return start, end


def _clashes(doc: Doc, found: _Found, others: Sequence[Dict[str, Any]]) -> bool:
    """Whether another extractor gave this span (or a wider one) another type.

    There the other extractor's context wins, except for institutions and towns: the
    catalogue would have found those itself.
    """
    span = doc[found.start : found.end]
    for entity in others:
        if entity.get(ENTITY_ATTRIBUTE_TYPE) in (found.entity, "institution", "town"):
            continue
        if (
            entity[ENTITY_ATTRIBUTE_START] <= span.start_char
            and span.end_char <= entity[ENTITY_ATTRIBUTE_END]
        ):
            return True
    return False


def _choose(found: Sequence[_Found]) -> List[_Found]:
    """Non-overlapping entities: longer spans first, then DIET-guided, then by type."""
    ranked = sorted(
        found,
        key=lambda f: (-(f.end - f.start), not f.guided, PRIORITY.index(f.entity), f.start),
    )
    chosen: List[_Found] = []
    for candidate in ranked:
        if not any(candidate.overlaps(c) for c in chosen):
            chosen.append(candidate)
    return sorted(chosen, key=lambda f: f.start)
