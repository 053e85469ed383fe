"""Small parsers for what learners type: levels, ordinals, study modes, distances.

Each is a pure function of the text, so the actions stay thin and the parsers are
easy to test on their own.
"""

from __future__ import annotations

import re
from typing import Dict, FrozenSet, List, Optional, Sequence, Tuple

from pathways_catalogue.contract import MAX_LEVEL, MIN_LEVEL

_NUMBER_WORDS: Dict[str, int] = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
}

#: qualification words that imply a level (England's RQF levels)
_LEVEL_WORDS: Sequence[Tuple[str, int]] = (
    (r"\bentry level\b", 1),
    (r"\bgcses?\b", 2),
    (r"\ba[ -]?levels?\b", 3),
    (r"\bt[ -]?levels?\b", 3),
    (r"\baccess (?:course|to he|to higher education)\b", 3),
    (r"\b(?:extended |national )?diploma\b", 3),
    (r"\bhnc\b", 4),
    (r"\bhnd\b", 5),
    (r"\bfoundation degree\b|\bfd(?:a|sc|eng)\b", 5),
    (r"\btop[ -]?up\b|\bbachelor'?s?\b|\bdegree\b|\bb(?:a|sc|eng)\b", 6),
    (r"\bmasters?\b|\bm(?:a|sc)\b", 7),
)


def _in_range(value: int) -> Optional[int]:
    return value if MIN_LEVEL <= value <= MAX_LEVEL else None


def parse_level(text: object) -> Optional[int]:
    """Return the RQF level (1-8) a learner means, or None.

    Accepts numbers ("3", 3.0), "level 3", "L3", "lvl three", and qualification
    words ("A levels" -> 3, "HND" -> 5).
    """
    if text is None:
        return None
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return _in_range(int(text)) if float(text).is_integer() else None
    lowered = str(text).lower().strip()
    if not lowered:
        return None
    numbers = "|".join(_NUMBER_WORDS)
    found = re.search(rf"\b(?:level|lvl|lev|l)\s*-?\s*(\d|{numbers})\b", lowered)
    if found:
        word = found.group(1)
        return _in_range(int(word) if word.isdigit() else _NUMBER_WORDS[word])
    bare = re.fullmatch(r"(?:it'?s |its |i'?m )?(?:a |at )?(\d(?:\.0)?|[a-z]+)", lowered)
    if bare:
        word = bare.group(1)
        if word[0].isdigit():
            return _in_range(int(float(word)))
        if word in _NUMBER_WORDS:
            return _in_range(_NUMBER_WORDS[word])
    for pattern, level in _LEVEL_WORDS:
        if re.search(pattern, lowered):
            return level
    return None


_ORDINALS: Dict[str, int] = {
    "first": 0,
    "1st": 0,
    "one": 0,
    "1": 0,
    "top": 0,
    "second": 1,
    "2nd": 1,
    "two": 1,
    "2": 1,
    "middle": 1,
    "third": 2,
    "3rd": 2,
    "three": 2,
    "3": 2,
    "fourth": 3,
    "4th": 3,
    "four": 3,
    "4": 3,
    "fifth": 4,
    "5th": 4,
    "five": 4,
    "5": 4,
}
_LAST_WORDS: FrozenSet[str] = frozenset({"last", "final", "bottom"})


def parse_ordinal(text: object, count: int) -> Optional[int]:
    """Map an ``ordinal`` entity value ("second", "2", "3rd", "last") to a 0-based index.

    ``count`` is how many options were listed; "last" needs it. The index is not
    checked against ``count`` (the caller says "I only showed you 3").
    """
    if text is None:
        return None
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return int(text) - 1 if int(text) >= 1 else None
    for word in re.findall(r"[a-z0-9]+", str(text).lower()):
        if word in _LAST_WORDS:
            return count - 1 if count else None
        if word in _ORDINALS:
            return _ORDINALS[word]
    return None


#: ordinal words safe to look for in a whole sentence ("one", "top" and bare
#: numbers are not: "that one", "top-up", "level 3")
_TEXT_ORDINALS = re.compile(
    r"\b(first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last|final|bottom)\b"
    r"|\b(?:option|number|no\.?|route|#)\s*(\d)\b|^\s*(\d)\s*$"
)


def find_ordinal(text: object, count: int) -> Optional[int]:
    """Find an ordinal in a whole message ("tell me more about the second one", "option 3")."""
    if not text:
        return None
    found = _TEXT_ORDINALS.search(str(text).lower())
    if not found:
        return None
    return parse_ordinal(next(g for g in found.groups() if g), count)


#: what learners say -> the contract's study mode (pathways_catalogue.contract.STUDY_MODES)
_MODE_PATTERNS: Sequence[Tuple[str, str]] = (
    (r"part[\s-]*time|\bpt\b|fit (?:it )?around|around (?:my )?(?:job|work)|weekend", "part-time"),
    (r"evening|night|after work", "evening"),
    (r"apprentice|work[\s-]*based|on the job|earn (?:while|and) (?:you |i )?learn", "work-based"),
    (r"block[\s-]*release|day[\s-]*release", "block-release"),
    (r"distance|online|remote|from home|open university", "distance"),
    (r"full[\s-]*time|\bft\b", "full-time"),
)

#: the catalogue modes that satisfy each contract mode a learner asks for
MODE_MATCHES: Dict[str, FrozenSet[str]] = {
    "part-time": frozenset({"part-time", "evening", "block-release"}),
    "evening": frozenset({"evening"}),
    "work-based": frozenset({"work-based", "block-release"}),
    "block-release": frozenset({"block-release"}),
    "distance": frozenset({"distance"}),
    "full-time": frozenset({"full-time"}),
}

#: how each contract mode reads in a sentence
MODE_PHRASE: Dict[str, str] = {
    "part-time": "part-time",
    "evening": "evening",
    "work-based": "apprenticeship or work-based",
    "block-release": "block-release",
    "distance": "distance-learning",
    "full-time": "full-time",
}


def parse_modes(text: object) -> List[str]:
    """Return the contract study modes mentioned in ``text``, in a fixed order."""
    if not text:
        return []
    lowered = str(text).lower()
    found = [mode for pattern, mode in _MODE_PATTERNS if re.search(pattern, lowered)]
    return sorted(set(found), key=[mode for _p, mode in _MODE_PATTERNS].index)


def split_modes(value: object) -> List[str]:
    """Split a ``study_mode`` slot value ("part-time;evening") into contract modes."""
    if not value:
        return []
    return [m for m in str(value).split(";") if m in MODE_MATCHES]


def catalogue_modes(modes: Sequence[str]) -> FrozenSet[str]:
    """The catalogue modes that satisfy any of the learner's contract modes."""
    out: set = set()
    for mode in modes:
        out |= MODE_MATCHES.get(mode, frozenset({mode}))
    return frozenset(out)


_KM_PER_MILE = 1.609344


def parse_distance_km(text: object) -> Optional[float]:
    """Return the distance in km in "within 20 miles", "15km", "10 mi", or None."""
    if not text:
        return None
    found = re.search(
        r"(\d+(?:\.\d+)?)\s*(miles?|mi\b|km\b|kms\b|kilomet(?:re|er)s?)", str(text).lower()
    )
    if not found:
        return None
    value = float(found.group(1))
    if found.group(2).startswith("m"):
        value *= _KM_PER_MILE
    return round(value, 1) if value > 0 else None


_NEAR_ME = re.compile(
    r"\bnear (?:me|here|where i live|my house|home)\b|\bnearby\b|\bclose to (?:me|home)\b|"
    r"\blocal(?:ly)?\b|\bin my area\b|\bcan'?t travel\b|\bcannot travel\b|\bclose by\b|"
    r"\bnot (?:too |very )?far\b|\bnearest\b"
)


def wants_near_me(text: object) -> bool:
    """True if the learner asks for something near them without naming a town."""
    return bool(text) and bool(_NEAR_ME.search(str(text).lower()))


_CLEAR = re.compile(
    r"\b(?:any (?:mode|way|where|town|place)|anywhere|don'?t mind|doesn'?t matter|"
    r"no preference|show (?:me )?(?:everything|all)|clear (?:the )?filters?|"
    r"remove (?:the )?filters?)\b"
)


def wants_no_constraints(text: object) -> bool:
    """True if the learner asks to drop their constraints ("anywhere is fine")."""
    return bool(text) and bool(_CLEAR.search(str(text).lower()))


_GRADE_WORDS = (("distinction*", 3), ("distinction", 2), ("merit", 1), ("pass", 0))
_GRADE_LETTER = {"P": 0, "M": 1, "D": 2}


def grade_rank(text: object) -> Optional[float]:
    """Rank a BTEC-style grade: pass 0, merit 1, distinction 2; "DMM" averages to 1.33.

    In a longer text (an agreement's conditions) a grade profile in capitals such
    as "MPP" wins, otherwise the highest grade word mentioned.
    """
    if not text:
        return None
    raw = str(text).strip()
    whole = re.fullmatch(r"([pmd]{2,3})\*?", raw, flags=re.IGNORECASE)
    letters = whole or re.search(r"\b([PMD]{2,3})\*?(?![A-Za-z])", raw)
    if letters:
        ranks = [_GRADE_LETTER[c] for c in letters.group(1).upper()]
        return sum(ranks) / len(ranks)
    lowered = raw.lower()
    found = [
        rank for word, rank in _GRADE_WORDS if re.search(rf"\b{re.escape(word)}(?!\w)", lowered)
    ]
    return float(max(found)) if found else None


_LEAD_INS = re.compile(
    r"^(?:(?:actually|erm|um|well|ok|okay|so|hmm|oh|right|yeah|no)\b[, ]*)*"
    r"(?:(?:i'?ve )?changed my mind\b[, ]*|on second thoughts?\b[, ]*)?"
    r"(?:(?:i|id|i'd|i would|i'm|im|i am|it'?s|it is)\s+)?"
    r"(?:really\s+)?"
    r"(?:(?:rather|like|love|enjoy|prefer|want|wanna|fancy|into|interested in|thinking of|"
    r"keen on|hoping|dream of|doing|do|study|studying|on|taking)\s+)?"
    r"(?:(?:to\s+)?(?:do|be|become|work (?:in|with|on)|study|get into|go into|go for)\s+)?"
    r"(?:something (?:with|in|to do with|around)\s+)?"
    r"(?:(?:an?|the|my)\s+)?",
    re.IGNORECASE,
)


def strip_lead_in(text: str) -> str:
    """Drop conversational lead-ins: "actually I'd rather do cyber" -> "cyber".

    Returns the original text if stripping would leave nothing.
    """
    cleaned = _LEAD_INS.sub("", text.strip(), count=1).strip(" .!?,")
    return cleaned or text.strip()


_DONT_KNOW = re.compile(
    r"^(?:i\s*)?(?:don'?t|dont|do not) know\b|^(?:not sure|no idea|dunno|idk|unsure|"
    r"nothing (?:really|in particular)|no(?:thing)?|anything|whatever|skip|pass|"
    r"not really|nope|none)\b",
    re.IGNORECASE,
)


def is_dont_know(text: object) -> bool:
    """True for "not sure", "no idea", "anything", "skip" and the like."""
    return bool(text) and bool(_DONT_KNOW.search(str(text).strip()))
