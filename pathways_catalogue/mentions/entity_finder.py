"""What the catalogue extractor finds in a message, built from a gazetteer.

:class:`EntityFinder` owns the spaCy pipeline and matchers (spaCy is imported when it
is built) and the finders that use them:

* :class:`~pathways_catalogue.mentions.lexical.LexicalFinder`: rules, places, courses and topics
  in the text itself;
* :class:`~pathways_catalogue.mentions.guided.GuidedFinder`: the spans other extractors tagged;
* :class:`~pathways_catalogue.mentions.resolution.SpanResolver`: the catalogue resolution both
  use, with the thresholds of the component's config.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence

from pathways_catalogue.mentions.everyday import everyday_words
from pathways_catalogue.mentions.guided import GuidedFinder
from pathways_catalogue.mentions.keys import (
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    EXTRACTOR,
)
from pathways_catalogue.mentions.lexical import LexicalFinder
from pathways_catalogue.mentions.matcher import build_matchers
from pathways_catalogue.mentions.merging import Found, choose, clashes
from pathways_catalogue.mentions.resolution import SpanResolver
from pathways_catalogue.mentions.spans import INSTITUTION_NOUNS, is_edge_word
from pathways_catalogue.resolve import Gazetteer

if TYPE_CHECKING:
    from spacy.tokens import Doc


#: the longest message whose intent alone gives an everyday subject word context
ABOUT_MAX_TOKENS = 12


class EntityFinder:
    """Entities of a message, resolved against a gazetteer.

    Args:
        gazetteer: what the catalogue knows by name.
        config: the extractor's config (thresholds, intents, window size).
        extractor: the name entities carry as their ``extractor``.

    """

    def __init__(self, gazetteer: Gazetteer, config: Dict[str, Any], extractor: str) -> None:
        self._gazetteer = gazetteer
        self._config = config
        self._extractor = extractor
        self._nlp, phrases, rules = build_matchers(gazetteer)
        resolver = SpanResolver(gazetteer, config)
        self._lexical = LexicalFinder(gazetteer, config, self._nlp, phrases, rules, resolver)
        self._guided = GuidedFinder(resolver)
        self._everyday = everyday_words()

    def extract(
        self, text: str, others: Sequence[Dict[str, Any]] = (), intent: Optional[str] = None
    ) -> List[Dict[str, Any]]:
        """Return the entities found in ``text``, given other extractors' and the intent."""
        config = self._config
        doc = self._nlp.make_doc(text)
        found = self._lexical.rule_entities(doc)
        institution = self._lexical.places(doc, found)
        courses = self._lexical.courses(doc, found, institution)
        as_interest = intent in config["interest_intents"]
        found_topics = self._lexical.topics(doc, [*found, *courses], as_interest)
        # a subject word is a course in a message about a course, or right before the
        # word "course" whatever the intent, or another extractor, says ("is there a
        # business course i could do")
        found_topics = [t for t in found_topics
                        if _names_a_course(doc, t.end, COURSE_WORD) or not clashes(doc, t, others)]
        found_topics = [
            self._guided.as_course(doc, t, found, institution)
            if intent in config["course_intents"] or _names_a_course(doc, t.end) else t
            for t in found_topics
        ]
        guided = self._guided.guided(doc, others, found, institution, courses)
        named = [t for t in found_topics
                 if t.entity == "course" and _names_a_course(doc, t.end, COURSE_WORD)]
        guided = [g for g in guided if not any(g.overlaps(t) for t in named)]
        chosen = choose([*found, *courses, *found_topics, *guided])
        chosen = self._guided.merge_neighbours(doc, chosen, others, found, institution)
        # a short message the intent says is about interests or a course ("art", "doing
        # sport at level 3") gives a subject word context; a long one does not: its
        # intent says what the message does, not what each clause is about
        about = len(doc) <= ABOUT_MAX_TOKENS and (
            intent in config["interest_intents"] or intent in config["course_intents"]
        )
        chosen = [f for f in chosen if self._everyday.stands(doc, f.start, f.end, f.entity, about)
                  and (f.entity != "interest" or f.info is None
                       or self._everyday.interest_stands(doc, f.start, f.end, about))]  # fmt: skip
        return [self._entity(doc, f) for f in chosen]

    def is_noise(self, entity: Dict[str, Any], text: str) -> bool:
        """Whether another extractor's entity cannot be what it claims (``drop_noise``)."""
        kind = entity.get(ENTITY_ATTRIBUTE_TYPE)
        start, end = int(entity[ENTITY_ATTRIBUTE_START]), int(entity[ENTITY_ATTRIBUTE_END])
        span = text[start:end]
        doc = self._nlp.make_doc(text)
        tokens = doc.char_span(start, end, alignment_mode="expand")
        everyday = self._everyday
        if tokens is not None and not everyday.stands(doc, tokens.start, tokens.end, str(kind)):
            return True  # "it", "local", "the art of": an everyday word, not a name
        if kind in ("course", "subject", "interest"):
            return all(is_edge_word(w.lower()) or len(w) <= 2 for w in span.split())
        if kind in ("grade", "level"):
            return not self._lexical.rule_entities(self._nlp.make_doc(span))
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

    def _entity(self, doc: Doc, found: Found) -> Dict[str, Any]:
        span = doc[found.start : found.end]
        entity: Dict[str, Any] = {
            ENTITY_ATTRIBUTE_TYPE: found.entity,
            ENTITY_ATTRIBUTE_START: span.start_char,
            ENTITY_ATTRIBUTE_END: span.end_char,
            ENTITY_ATTRIBUTE_VALUE: span.text,
            EXTRACTOR: self._extractor,
        }
        info = dict(found.info) if found.info is not None else None
        if info is not None and found.entity == "course":
            # the kinds of qualification the learner's words name ("the HNC")
            info["families"] = sorted(self._gazetteer.qualification_families(span.text))
        elif info is not None and found.entity == "interest" and info.get("keyword"):
            # the fields the interest belongs to, so a change of field can be seen
            info["subjects"] = self._gazetteer.subjects_of(str(info["keyword"]))
        if info is not None:
            entity["additional_info"] = info
        return entity


#: words that, right after a subject word, make it the name of a course
COURSE_NOUNS = frozenset({"course", "courses", "qualification", "diploma"})


#: the word "course" itself, which names a course whatever another extractor said
COURSE_WORD = frozenset({"course", "courses"})


def _names_a_course(doc: Doc, end: int, nouns: frozenset[str] = COURSE_NOUNS) -> bool:
    """Whether the token at ``end`` (right after a topic) is one of ``nouns`` ("course")."""
    return end < len(doc) and doc[end].lower_ in nouns
