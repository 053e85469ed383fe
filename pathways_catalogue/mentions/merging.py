"""Spans found by the extractor, and how they are chosen and merged.

Overlapping spans are resolved in :func:`choose` (longer first, then DIET-guided,
then by :data:`PRIORITY`); :func:`replaces` and :func:`clashes` decide between this
component's entities and those of other extractors.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence

from pathways_catalogue.mentions.keys import (
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: which entity wins an exact tie of spans (earlier wins)
PRIORITY = (
    "course", "institution", "town", "level", "grade", "mode", "ordinal", "subject", "interest"
)  # fmt: skip


@dataclass
class Found:
    """An entity found by this component, by token span."""

    entity: str
    start: int
    end: int
    info: Optional[Dict[str, Any]] = None
    guided: bool = False
    score: float = 1.0

    def overlaps(self, other: Found) -> bool:
        """Whether the two spans share a token."""
        return self.start < other.end and other.start < self.end


def replaces(ours: Dict[str, Any], other: Dict[str, Any], text: str) -> bool:
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


#: types the catalogue and the rules find for themselves, whatever another extractor says
_OWN_TYPES = ("institution", "town", "mode", "level")


def clashes(doc: Doc, found: Found, others: Sequence[Dict[str, Any]]) -> bool:
    """Whether another extractor gave this span (or a wider one) another type.

    There the other extractor's context wins, except for institutions, towns, study
    modes and levels: the catalogue and the rules would have found those themselves
    ("a part time beauty therapy course" tagged as one mode keeps its course).
    """
    span = doc[found.start : found.end]
    for entity in others:
        if entity.get(ENTITY_ATTRIBUTE_TYPE) in (found.entity, *_OWN_TYPES):
            continue
        if (
            entity[ENTITY_ATTRIBUTE_START] <= span.start_char
            and span.end_char <= entity[ENTITY_ATTRIBUTE_END]
        ):
            return True
    return False


def choose(found: Sequence[Found]) -> List[Found]:
    """Non-overlapping entities: longer spans first, then DIET-guided, then by type."""
    ranked = sorted(
        found,
        key=lambda f: (-(f.end - f.start), not f.guided, PRIORITY.index(f.entity), f.start),
    )
    chosen: List[Found] = []
    for candidate in ranked:
        if not any(candidate.overlaps(c) for c in chosen):
            chosen.append(candidate)
    return sorted(chosen, key=lambda f: f.start)
