"""What a learner's message names, resolved against the live catalogue.

The action server resolves each message once, here: courses, institutions, towns,
subjects, interests, levels, grades, modes and ordinals. Rasa's NLU only classifies the
intent and tags spans (DIET); :class:`MessageResolver` takes the text, those spans and
the intent, and returns the entities with their catalogue resolution in
``additional_info`` (``docs/conversation.md``). It is built from a
:class:`~pathways_catalogue.resolve.Gazetteer`, once per catalogue version, so a
catalogue import is understood at the next message without retraining the model.

The work is split over small modules, one job each:

* :mod:`.entity_finder`: the finder (pipeline, matchers, finders);
* :mod:`.matcher`: building the spaCy pipeline and matchers (spaCy ``blank("en")``);
* :mod:`.rules`: level, grade, mode and ordinal patterns;
* :mod:`.lexical`: rule, place, course and topic entities in the text;
* :mod:`.guided`: the spans other extractors (DIET) tagged;
* :mod:`.resolution`: resolving a span against the catalogue;
* :mod:`.merging`: found spans, overlaps and choosing between them;
* :mod:`.spans`: token-level helpers (edge words, windows, trimming);
* :mod:`.everyday`: which everyday words may name a course, subject or place;
* :mod:`.texting`: texting forms rewritten first ("doin da t lvl").
"""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Sequence

from pathways_catalogue.mentions.entity_finder import EntityFinder
from pathways_catalogue.mentions.keys import (
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_VALUE,
    EXTRACTOR,
)
from pathways_catalogue.mentions.merging import replaces
from pathways_catalogue.mentions.texting import Normalised, normalise
from pathways_catalogue.resolve import Gazetteer

__all__ = ["DEFAULTS", "RESOLVER_NAME", "MessageResolver"]

#: the ``extractor`` of the entities this package resolves
RESOLVER_NAME = "pathways_catalogue"

#: thresholds and switches of the resolution
DEFAULTS: Dict[str, Any] = {
    # lowest score of a course mention found in the text alone
    "min_course_score": 0.6,
    # lowest score of a course found only in the Ofqual gazetteer
    "min_gazetteer_score": 0.75,
    # lowest score to resolve a course span that DIET tagged (a span without a
    # qualification word or level must match a catalogue course with min_course_score)
    "min_guided_course_score": 0.45,
    # lowest score of an institution or town (exact names score 0.9 to 1)
    "min_place_score": 0.85,
    # lowest score of a subject or interest
    "min_topic_score": 0.8,
    # intents in which a subject word is an interest rather than a subject
    "interest_intents": ["inform_interest", "change_interest"],
    # intents in which such a word is a course when it names a catalogue course
    "course_intents": ["inform_course"],
    # longest token window tried for misspelt names
    "max_window": 4,
    # other course candidates listed under "alternatives" in a course resolution
    "alternatives": 3,
    # drop DIET's entities that overlap one of ours (ours carry the resolution)
    "replace_overlapping": True,
    # drop DIET's entities that cannot be what they claim: an institution or town the
    # catalogue does not know that does not look like a name, or a course, subject or
    # interest made only of stop words
    "drop_noise": True,
}


class MessageResolver:
    """Resolves the entities of one message against a gazetteer (see module docstring)."""

    def __init__(self, gazetteer: Gazetteer, config: Optional[Mapping[str, Any]] = None) -> None:
        self.gazetteer = gazetteer
        self.config = {**DEFAULTS, **(config or {})}
        self._finder: Optional[EntityFinder] = None

    @property
    def finder(self) -> EntityFinder:
        """The entity finder (built on first use: it imports spaCy)."""
        if self._finder is None:
            self._finder = EntityFinder(self.gazetteer, self.config, RESOLVER_NAME)
        return self._finder

    def entities(
        self, text: str, others: Sequence[Dict[str, Any]] = (), intent: Optional[str] = None
    ) -> List[Dict[str, Any]]:
        """All entities of a message: ours, and the other extractors' that still stand."""
        others = [dict(e) for e in others if e.get(EXTRACTOR) != RESOLVER_NAME]
        if not text:
            return others
        ours = self.finder.extract(text, others, intent)
        if self.config["drop_noise"]:
            others = [e for e in others if not self.finder.is_noise(e, text)]
        if self.config["replace_overlapping"]:
            others = [e for e in others if not any(replaces(o, e, text) for o in ours)]
        return sorted(others + ours, key=lambda e: int(e.get(ENTITY_ATTRIBUTE_START) or 0))

    def resolve(self, message: Mapping[str, Any]) -> Dict[str, Any]:
        """A copy of a parsed message (Rasa's ``latest_message``) with resolved entities.

        Texting forms are rewritten first ("im doin da digital t lvl" -> "im doing the
        digital t level"): the copy's ``text`` is the rewritten text, and every entity,
        DIET's moved onto it, points into it. A button payload ("/inform_course{...}")
        carries its own values and is kept as it is.
        """
        resolved = dict(message)
        text = str(message.get("text") or "")
        if text.startswith("/"):
            return resolved
        intent = (message.get("intent") or {}).get("name")
        rewritten = normalise(text)
        found = [_moved(e, rewritten) for e in message.get("entities") or [] if isinstance(e, dict)]
        resolved["text"] = rewritten.text
        resolved["entities"] = self.entities(rewritten.text, found, intent)
        return resolved


def _moved(entity: Dict[str, Any], rewritten: Normalised) -> Dict[str, Any]:
    """An entity tagged on the learner's text, moved onto the rewritten text."""
    if not rewritten.edits or ENTITY_ATTRIBUTE_START not in entity:
        return dict(entity)
    start = rewritten.offset(int(entity[ENTITY_ATTRIBUTE_START]))
    end = rewritten.offset(int(entity.get(ENTITY_ATTRIBUTE_END) or start))
    return {**entity, ENTITY_ATTRIBUTE_START: start, ENTITY_ATTRIBUTE_END: end,
            ENTITY_ATTRIBUTE_VALUE: rewritten.text[start:end]}  # fmt: skip
