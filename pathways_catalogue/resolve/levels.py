"""The level vocabulary of learner text: "L3", "lvl 2", "level three", "nvq2", "nvq 2".

Number words ("three") come from ``abbreviations.yml`` (:mod:`.shorthand`); the level a
qualification implies ("HND" -> 5) is read by :meth:`.analyser.Analyser.implied_level`.
"""

from __future__ import annotations

import re
from typing import FrozenSet

#: qualifications written with a bare level number ("nvq 2")
NUMBERED: FrozenSet[str] = frozenset({"nvq", "svq"})
#: one of them with the number attached ("nvq2")
NUMBERED_RE = re.compile(r"\b(nvq|svq)([1-8])\b")
#: a level in one word ("l3", "lvl2", "level4")
LEVEL_TOKEN_RE = re.compile(r"^(?:l|lv|lvl|lev|level)([1-8])$")
#: words that put a level before a number ("level three", "lvl 2")
LEVEL_WORDS: FrozenSet[str] = frozenset({"level", "lvl", "lv", "lev", "lvls", "levels"})
