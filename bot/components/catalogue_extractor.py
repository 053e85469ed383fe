"""Catalogue-grounded entity extraction: courses, colleges, towns, subjects, interests.

``CatalogueEntityExtractor`` runs after ``DIETClassifier``. At training time it reads
the catalogue database into a :class:`~pathways_catalogue.resolve.Gazetteer` and
stores it in the model; at run time it finds, in each message:

* exact names with a spaCy ``PhraseMatcher`` (``attr="LOWER"``) built from the
  gazetteer: course titles, aliases and short forms, institutions, towns, subjects,
  course keywords, qualification words ("ext dip", "btec");
* course mentions around qualification words and levels ("the ext dip in
  enginering"), misspelt names in small token windows (rapidfuzz, in the gazetteer);
* levels, grades and study modes with the small rule functions of
  :mod:`bot.components.rules`;
* the spans DIET tagged as course, institution, town, subject or interest, which it
  resolves against the catalogue.

Each entity it adds has ``extractor`` = ``CatalogueEntityExtractor``, ``value`` = the
text span and ``additional_info`` = the resolution of ``docs/conversation.md`` (for a
course also ``alternatives``, the next candidates, for "did you mean ...?"). Entities
of other extractors that overlap one of its entities are dropped: ours carry the
resolution. spaCy is imported lazily (it pulls in TensorFlow).

This module is the registered component (storage, training, ``process``); the work is
split over sibling modules, one job each:

* :mod:`bot.components.rules`: level, grade, mode and ordinal patterns;
* :mod:`bot.components.matcher`: building the spaCy pipeline and matchers;
* :mod:`bot.components.finders`: rule, place, course and topic entities in the text;
* :mod:`bot.components.guided`: resolving the spans other extractors tagged;
* :mod:`bot.components.merging`: found spans, overlaps and choosing between them;
* :mod:`bot.components.spans`: token-level helpers (edge words, windows, trimming).
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence

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

from bot.components.guided import RESOLVED, GuidedResolution
from bot.components.matcher import build_matchers
from bot.components.merging import PRIORITY, Found, choose, clashes, replaces
from bot.components.rules import (
    MODES,
    NUMBER_WORDS,
    ORDINAL_WORDS,
    ORDINALS,
    TIME_NOUNS,
    grade_patterns,
    level_patterns,
    mode_of,
    mode_patterns,
    ordinal_of,
    ordinal_patterns,
    rule_patterns,
)
from bot.components.spans import COURSE_LINKS, INSTITUTION_NOUNS, LOCATIVES, is_edge_word
from pathways_catalogue.resolve import Gazetteer

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import Matcher, PhraseMatcher
    from spacy.tokens import Doc

__all__ = [
    "COURSE_LINKS",
    "GAZETTEER_FILE",
    "INSTITUTION_NOUNS",
    "LOCATIVES",
    "MODES",
    "NETWORK_ENV",
    "NUMBER_WORDS",
    "ORDINALS",
    "ORDINAL_WORDS",
    "PRIORITY",
    "RESOLVED",
    "TIME_NOUNS",
    "CatalogueEntityExtractor",
    "grade_patterns",
    "level_patterns",
    "mode_of",
    "mode_patterns",
    "ordinal_of",
    "ordinal_patterns",
    "rule_patterns",
]


GAZETTEER_FILE = "gazetteer.json"
#: environment variable naming the network served (shared with the actions)
NETWORK_ENV = "PATHWAYS_NETWORK"


@DefaultV1Recipe.register(
    [DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=True
)
class CatalogueEntityExtractor(GraphComponent, EntityExtractorMixin, GuidedResolution):
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
        self._nlp, self._phrases, self._rules = build_matchers(self._gazetteer)

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
                others = [e for e in others if not any(replaces(o, e, text) for o in ours)]
            entities = sorted(others + ours, key=lambda e: e[ENTITY_ATTRIBUTE_START])
            message.set(ENTITIES, entities, add_to_output=True)
        return messages

    def _noise(self, entity: Dict[str, Any], text: str) -> bool:
        """Whether another extractor's entity cannot be what it claims (``drop_noise``)."""
        kind = entity.get(ENTITY_ATTRIBUTE_TYPE)
        span = text[entity[ENTITY_ATTRIBUTE_START] : entity[ENTITY_ATTRIBUTE_END]]
        if kind in ("course", "subject", "interest"):
            return all(is_edge_word(w.lower()) or len(w) <= 2 for w in span.split())
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
            found_topics = [t for t in found_topics if not clashes(doc, t, others)]
            if intent in self._config["course_intents"]:
                found_topics = [self._as_course(doc, t, found, institution) for t in found_topics]
        else:
            found_topics = []
        guided = self._guided(doc, others, found, institution)
        chosen = choose([*found, *courses, *found_topics, *guided])
        chosen = self._merge_neighbours(doc, chosen, others, found, institution)
        return [self._entity(doc, f) for f in chosen]

    def _entity(self, doc: Doc, found: Found) -> Dict[str, Any]:
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


def _network(config: Dict[str, Any]) -> Optional[str]:
    """The network slug of the config, else ``PATHWAYS_NETWORK``, else None (all)."""
    return config.get("network") or os.environ.get(NETWORK_ENV) or None
