"""Learners' words kept as demand: short, lower-case phrases with nothing personal in them.

A phrase is kept only if it is a few plain words. Anything holding an email address
or a phone number (:func:`storage.logs.redact` finds them), a postcode, a web
address, a number (a single digit, a level, is kept), a title or a name lead-in
("my name is", "Mr"), or more words than a course name has, is dropped whole: a
phrase is demand, not a message. The console then shows a phrase only when at least
five conversations used it.
"""

from __future__ import annotations

import re
from typing import Iterable, List, Optional

from storage.logs import redact

#: the most words and characters a kept phrase has
MAX_WORDS = 6
MAX_CHARS = 60
#: a UK postcode, full ("YO10 5DD") or its outward part alone ("YO10")
POSTCODE = re.compile(r"\b[a-z]{1,2}\d[a-z\d]?(?:\s*\d[a-z]{2})?\b", re.IGNORECASE)
WEB = re.compile(r"https?:|www\.|\.(?:com|org|net|uk|ac|io)\b|@", re.IGNORECASE)
#: words of letters, or one digit (a level: "level 3 plumbing"), between spaces,
#: hyphens, apostrophes, "&" or "/"
PLAIN = re.compile(r"(?:[^\W\d_]+|\d)(?:[\s'\u2019&/-]+(?:[^\W\d_]+|\d))*")
#: words that introduce or are part of a person's name
NAME_WORDS = frozenset(
    """mr mrs ms miss mx dr prof sir madam name named called surname firstname
    i'm im me my myself mine he she him her his hers""".split()
)


def clean(text: Optional[str]) -> Optional[str]:
    """``text`` as a kept phrase (lower case, single spaces), or None if it is dropped."""
    if not text:
        return None
    phrase = " ".join(str(text).split()).strip(" .,;:!?\"'()[]")
    if not phrase or len(phrase) > MAX_CHARS:
        return None
    if redact(phrase) != phrase or POSTCODE.search(phrase) or WEB.search(phrase):
        return None
    if not PLAIN.fullmatch(phrase):
        return None  # digits, symbols
    words = phrase.lower().replace("\u2019", "'").split()
    if len(words) > MAX_WORDS or any(w in NAME_WORDS for w in words):
        return None
    return " ".join(words)


def clean_all(texts: Iterable[Optional[str]]) -> List[str]:
    """The kept phrases of ``texts``, each once, in order."""
    kept = (clean(t) for t in texts)
    return list(dict.fromkeys(p for p in kept if p))
