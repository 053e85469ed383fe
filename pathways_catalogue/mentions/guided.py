"""Resolving the spans other extractors (DIET) tagged, and merging with them.

:class:`GuidedFinder` reads the entities of other extractors; what is found in the
text itself is the job of :mod:`pathways_catalogue.mentions.lexical`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence

from pathways_catalogue.mentions.keys import (
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
)
from pathways_catalogue.mentions.merging import Found
from pathways_catalogue.mentions.resolution import SpanResolver
from pathways_catalogue.mentions.spans import is_edge_word, split_on_and

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: entity types this component resolves against the catalogue
RESOLVED = ("course", "institution", "town", "subject", "interest")


class GuidedFinder:
    """Course, place, subject and interest spans of other extractors, resolved."""

    def __init__(self, resolver: SpanResolver) -> None:
        self._resolver = resolver

    def as_course(
        self, doc: Doc, topic: Found, found: List[Found], institution: Optional[str]
    ) -> Found:
        """A subject or interest word that names a catalogue course, as that course."""
        levels = [f for f in found if f.entity == "level"]
        text = doc[topic.start : topic.end].text
        course = self._resolver.resolve(
            "course", text, levels, doc, topic.start, topic.end, institution
        )
        if course is None or course.info is None or course.info["source"] != "catalogue":
            return topic
        course.guided = False
        return course

    def merge_neighbours(
        self,
        doc: Doc,
        chosen: List[Found],
        others: Sequence[Dict[str, Any]],
        found: List[Found],
        institution: Optional[str],
    ) -> List[Found]:
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
                if ours.entity != kind or ours.overlaps(Found(kind, start, end)):
                    continue
                if ours.end == start or end == ours.start:
                    lo, hi = min(ours.start, start), max(ours.end, end)
                    if any(o is not ours and o.overlaps(Found(kind, lo, hi)) for o in out):
                        continue
                    text = doc[lo:hi].text
                    merged = self._resolver.resolve(kind, text, levels, doc, lo, hi, institution)
                    if merged is not None:
                        out[out.index(ours)] = merged
                    break
        return sorted(out, key=lambda f: f.start)

    def guided(
        self,
        doc: Doc,
        others: Sequence[Dict[str, Any]],
        found: List[Found],
        institution: Optional[str],
        courses: Sequence[Found] = (),
    ) -> List[Found]:
        """Resolve the course, place, subject and interest spans other extractors tagged.

        ``courses`` are the course mentions found in the text itself: an interest or
        subject span is cut back from their words ("office and do [aat level 3]").
        """
        fixed = {i for f in found for i in range(f.start, f.end)}
        in_courses = {i for f in courses for i in range(f.start, f.end)}
        levels = [f for f in found if f.entity == "level"]
        out: List[Found] = []
        for entity in others:
            kind = entity.get(ENTITY_ATTRIBUTE_TYPE)
            taken = fixed | in_courses if kind in ("interest", "subject") else fixed
            if kind not in RESOLVED:
                continue
            span = doc.char_span(
                entity[ENTITY_ATTRIBUTE_START], entity[ENTITY_ATTRIBUTE_END],
                alignment_mode="expand",
            )  # fmt: skip
            if span is None:
                continue
            start, end = span.start, span.end
            while start < end and start in taken:
                start += 1
            while end > start and end - 1 in taken:
                end -= 1
            if kind == "course" and start < end and is_edge_word(doc[end - 1].lower_):
                # a name that ends in a word we would trim ("early years"): whole first
                whole = self._resolver.resolve(kind, doc[start:end].text, levels, doc, start,
                                               end, institution)  # fmt: skip
                if whole is not None and whole.info and whole.info.get("course_id"):
                    out.append(whole)
                    continue
            while start < end and is_edge_word(doc[start].lower_):
                start += 1
            while end > start and is_edge_word(doc[end - 1].lower_):
                end -= 1
            if start >= end or all(len(t.text) <= 2 for t in doc[start:end]):
                continue
            parts = split_on_and(doc, start, end) if kind == "interest" else []
            split = [
                self._resolver.resolve(kind, doc[s:e].text, levels, doc, s, e, institution)
                for s, e in parts
            ]
            if len(parts) > 1 and all(split):
                out.extend(f for f in split if f is not None)
                continue
            text = doc[start:end].text
            found_here = self._resolver.resolve(kind, text, levels, doc, start, end, institution)
            if found_here is None and kind == "course":
                # words DIET took for a course that the catalogue only knows as an
                # interest ("adult nurse", "manufacturing"): an interest, never a course
                found_here = self._resolver.resolve("interest", text, levels, doc, start, end,
                                                    institution)  # fmt: skip
            if found_here is not None:
                out.append(found_here)
        return out
