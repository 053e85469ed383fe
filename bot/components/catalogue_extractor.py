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

This module is the registered component (config, storage, training, ``process``). It
holds an :class:`~bot.components.entity_finder.EntityFinder`, built from the gazetteer,
which does the finding; the work is split over sibling modules, one job each:

* :mod:`bot.components.entity_finder`: the finder (pipeline, matchers, finders);
* :mod:`bot.components.matcher`: building the spaCy pipeline and matchers;
* :mod:`bot.components.rules`: level, grade, mode and ordinal patterns;
* :mod:`bot.components.lexical`: rule, place, course and topic entities in the text;
* :mod:`bot.components.guided`: the spans other extractors tagged;
* :mod:`bot.components.resolution`: resolving a span against the catalogue;
* :mod:`bot.components.merging`: found spans, overlaps and choosing between them;
* :mod:`bot.components.spans`: token-level helpers (edge words, windows, trimming).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

import rasa.shared.utils.io
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_START,
    EXTRACTOR,
    INTENT,
    INTENT_NAME_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.components.entity_finder import EntityFinder
from bot.components.merging import replaces
from pathways_catalogue.db import make_engine
from pathways_catalogue.fingerprint import catalogue_fingerprint
from pathways_catalogue.resolve import Gazetteer
from pathways_catalogue.settings import NETWORK_ENV, PROJECT_ROOT

__all__ = ["GAZETTEER_FILE", "CatalogueEntityExtractor"]

GAZETTEER_FILE = "gazetteer.json"


#: the code that builds what training stores (the gazetteer): Rasa's cache does not see
#: code, so a change here must change the fingerprint or a stale gazetteer is reused
GAZETTEER_CODE = ("bot/components/catalogue_extractor.py", "pathways_catalogue/resolve",
                  "pathways_catalogue/abbreviations.yml", "pathways_catalogue/text.py",
                  "pathways_catalogue/vocabulary.py")  # fmt: skip


def code_fingerprint(root: Path = PROJECT_ROOT) -> str:
    """Digest of :data:`GAZETTEER_CODE` (read at training time, never at import)."""
    digest = hashlib.sha256()
    for name in GAZETTEER_CODE:
        path = root / name
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for file in files:
            if file.is_file():
                digest.update(str(file.relative_to(root)).encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


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
            # (subjects, interests, levels, modes, ordinals... are tagged in every intent:
            # the dialogue reads every message whole, whatever its intent)
            # intents in which a subject word is an interest rather than a subject
            "interest_intents": ["inform_interest", "change_interest"],
            # intents in which such a word is a course when it names a catalogue course
            "course_intents": ["inform_course"],
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
        """Create the component; the finder is built now when there is a gazetteer."""
        self._config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self._gazetteer = gazetteer or Gazetteer()
        self._finder: Optional[EntityFinder] = None
        if gazetteer is not None:
            self._finder = EntityFinder(self._gazetteer, self._config, self.name)

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
        return f"{digest}:{_network(merged)}:{code_fingerprint()}"

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
        self._finder = EntityFinder(self._gazetteer, self._config, self.name)
        self.persist()
        return self._resource

    def _read_catalogue(self) -> Gazetteer:
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

    def _entity_finder(self) -> EntityFinder:
        """The finder over the gazetteer (built on first use: it imports spaCy)."""
        if self._finder is None:
            self._finder = EntityFinder(self._gazetteer, self._config, self.name)
        return self._finder

    # ------------------------------------------------------------ inference

    def process(self, messages: List[Message]) -> List[Message]:
        """Add resolved catalogue entities to each message (see module docstring)."""
        finder = self._entity_finder()
        for message in messages:
            text = message.get(TEXT)
            if not text:
                continue
            others = [dict(e) for e in message.get(ENTITIES, []) if e.get(EXTRACTOR) != self.name]
            intent = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
            ours = finder.extract(text, others, intent)
            if self._config["drop_noise"]:
                others = [e for e in others if not finder.is_noise(e, text)]
            if self._config["replace_overlapping"]:
                others = [e for e in others if not any(replaces(o, e, text) for o in ours)]
            entities = sorted(others + ours, key=lambda e: e[ENTITY_ATTRIBUTE_START])
            message.set(ENTITIES, entities, add_to_output=True)
        return messages

    def extract(
        self, text: str, others: Sequence[Dict[str, Any]] = (), intent: Optional[str] = None
    ) -> List[Dict[str, Any]]:
        """Return the entities this component finds in ``text``, given other extractors'."""
        return self._entity_finder().extract(text, others, intent)


def _network(config: Dict[str, Any]) -> Optional[str]:
    """The network slug of the config, else ``PATHWAYS_NETWORK``, else None (all)."""
    return config.get("network") or os.environ.get(NETWORK_ENV) or None
