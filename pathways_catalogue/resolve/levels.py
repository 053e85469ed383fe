"""Level expressions ("L3", "level three", "nvq 2") and :func:`parse_level`."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, FrozenSet, Optional

if TYPE_CHECKING:
    from pathways_catalogue.resolve.gazetteer import Gazetteer

#: qualifications written with a bare level number ("nvq 2")
NUMBERED: FrozenSet[str] = frozenset({"nvq", "svq"})
LEVEL_TOKEN_RE = re.compile(r"^(?:l|lv|lvl|lev|level)([1-8])$")
LEVEL_WORDS: FrozenSet[str] = frozenset({"level", "lvl", "lv", "lev", "lvls", "levels"})


def parse_level(text: str) -> Optional[int]:
    """The level ``text`` names or implies, without a catalogue.

    "L3", "level three", "lvl 2" -> the number; otherwise the qualification implies it:
    extended diploma, T Level, Access to HE, A level -> 3; GCSE -> 2; HNC -> 4; HND,
    foundation degree -> 5; degree -> 6.
    """
    return _empty_gazetteer().parse_level(text)


@lru_cache(maxsize=1)
def _empty_gazetteer() -> Gazetteer:
    # imported here: the gazetteer's pipeline imports this module's level words
    from pathways_catalogue.resolve.gazetteer import Gazetteer

    return Gazetteer()
