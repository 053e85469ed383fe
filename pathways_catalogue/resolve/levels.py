"""The level vocabulary of learner text, as the text pipeline reads it: "L3", "nvq2".

The words themselves are :mod:`pathways_catalogue.vocabulary`'s (one vocabulary for
every layer); the level a qualification implies ("HND" -> 5) is read by
:meth:`.analyser.Analyser.implied_level`.
"""

from __future__ import annotations

import re

from pathways_catalogue.vocabulary import (
    LEVEL_TOKEN as LEVEL_TOKEN_RE,
)
from pathways_catalogue.vocabulary import (
    LEVEL_WORDS,
    NUMBER_WORDS,
)
from pathways_catalogue.vocabulary import (
    NUMBERED_QUALIFICATIONS as NUMBERED,
)

#: a numbered qualification with the number attached ("nvq2")
NUMBERED_RE = re.compile(r"\b(" + "|".join(sorted(NUMBERED)) + r")([1-8])\b")

__all__ = ["LEVEL_TOKEN_RE", "LEVEL_WORDS", "NUMBERED", "NUMBERED_RE", "NUMBER_WORDS"]
