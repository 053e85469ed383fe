"""What the text pipeline returns: :class:`Tok` units in an :class:`Analysis`.

:class:`~pathways_catalogue.resolve.analyser.Analyser` produces them; places, the
course index and topics read them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import FrozenSet, List, Optional, Tuple


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
    """Text after the pipeline of :mod:`pathways_catalogue.resolve`."""

    toks: Tuple[Tok, ...]

    @property
    def content(self) -> List[Tok]:
        """Content words: what the course, subject or interest is about."""
        return [t for t in self.toks if t.kind == "word"]

    @cached_property
    def quals(self) -> FrozenSet[str]:
        """Qualification families named (computed once: a mention is scored many times)."""
        return frozenset(t.text for t in self.toks if t.kind == "qual")

    @property
    def levels(self) -> List[int]:
        """Levels named explicitly ("L3", "level three")."""
        return [int(t.text) for t in self.toks if t.kind == "level"]

    def first(self, kind: str) -> Optional[str]:
        """The first unit of ``kind`` ("inst", "town"), if any."""
        return next((t.text for t in self.toks if t.kind == kind), None)

    @cached_property
    def key(self) -> str:
        """A normal form for exact comparison of two names (word order ignored; computed once)."""
        return " ".join(
            sorted(t.alt or t.text for t in self.toks if t.kind in ("word", "qual", "level"))
        )
