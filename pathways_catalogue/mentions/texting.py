"""Texting forms rewritten before a message is resolved ("im doin da digital t lvl").

The table is data: ``pathways_catalogue/texting.yml``. :func:`normalise` rewrites the
forms on whole words and returns the new text with a map from offsets in the learner's
text to offsets in the new one, so spans that Rasa tagged on the original text can be
moved onto it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Mapping, Tuple

import yaml

TABLE = Path(__file__).resolve().parent.parent / "texting.yml"
#: a word, or a lone "@" or "&", or "w/"
_TOKEN = re.compile(r"w/|[@&]|[\w']+")


@dataclass(frozen=True)
class Texting:
    """The texting table: forms always rewritten, and forms rewritten after some words."""

    forms: Mapping[str, str]
    after: Mapping[str, Tuple[str, frozenset]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path = TABLE) -> Texting:
        """Read the table from ``path``."""
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        forms = {str(k).lower(): str(v) for k, v in (data.get("forms") or {}).items()}
        after: Dict[str, Tuple[str, frozenset]] = {}
        for form, choices in (data.get("after") or {}).items():
            for word, before in (choices or {}).items():
                after[str(form)] = (str(word), frozenset(str(b).lower() for b in before))
        return cls(forms, after)

    def replacement(self, word: str, previous: str) -> str:
        """What ``word`` stands for after ``previous`` (itself when it is no texting form)."""
        lowered = word.lower()
        if lowered in self.after:
            meant, before = self.after[lowered]
            return meant if previous in before else word
        return self.forms.get(lowered, word)


@dataclass(frozen=True)
class Normalised:
    """A rewritten text and where each rewritten word came from."""

    text: str
    #: (start, end) in the learner's text and (start, end) in the new text, per rewrite
    edits: Tuple[Tuple[int, int, int, int], ...] = ()

    def offset(self, old: int) -> int:
        """The offset in the new text of offset ``old`` in the learner's text."""
        shift = 0
        for start, end, new_start, new_end in self.edits:
            if old <= start:
                break
            if old < end:  # inside a rewritten word: its start, or its end
                return new_start if old == start else new_end
            shift = new_end - end
        return old + shift


def normalise(text: str, table: Texting | None = None) -> Normalised:
    """Rewrite the texting forms of ``text`` (see the module docstring)."""
    table = table or texting()
    pieces: List[str] = []
    edits: List[Tuple[int, int, int, int]] = []
    at = 0
    length = 0
    previous = ""
    for match in _TOKEN.finditer(text):
        word = match.group(0)
        meant = table.replacement(word, previous)
        previous = meant.lower().split()[-1] if meant.split() else previous
        if meant == word:
            continue
        pieces.append(text[at : match.start()])
        length += match.start() - at
        edits.append((match.start(), match.end(), length, length + len(meant)))
        pieces.append(meant)
        length += len(meant)
        at = match.end()
    if not edits:
        return Normalised(text)
    pieces.append(text[at:])
    return Normalised("".join(pieces), tuple(edits))


@lru_cache(maxsize=1)
def texting() -> Texting:
    """The shipped table (read once)."""
    return Texting.load()
