"""The words learners use for levels, study modes, ordinals and grades: one vocabulary.

The catalogue's resolver, the NLU component's rules and the actions all import these
tables and functions, so "L3", "evenings", "the last one" and "DMM" mean the same in
every layer. (Which level a kind of qualification implies, "HNC" -> 4, is in
``abbreviations.yml``, read by :mod:`pathways_catalogue.resolve`.)
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Dict, FrozenSet, List, Optional, Sequence, Tuple

from pathways_catalogue.contract import MAX_LEVEL, MIN_LEVEL, STUDY_MODES

# -- levels ---------------------------------------------------------------

#: number words, as in "level three"
NUMBER_WORDS: Dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
}  # fmt: skip
#: words written before a level number ("level 3", "lvl 2")
LEVEL_WORDS: FrozenSet[str] = frozenset({"level", "levels", "lvl", "lvls", "lv", "lev"})
#: qualifications written with a bare level number ("nvq 2")
NUMBERED_QUALIFICATIONS: FrozenSet[str] = frozenset({"nvq", "svq"})
#: one token that is a level: "l3", "lvl2", "level3"
LEVEL_TOKEN = re.compile(r"^(?:l|lv|lvl|lev|level)([1-8])$")

_NUMBER = r"(\d|" + "|".join(NUMBER_WORDS) + ")"
_LEVEL_PHRASE = re.compile(
    r"\b(?:" + "|".join(sorted(LEVEL_WORDS | {"l"}, key=len, reverse=True))
    + r")\s*-?\s*" + _NUMBER + r"\b"
    + r"|\b(?:" + "|".join(sorted(NUMBERED_QUALIFICATIONS)) + r")\s*-?\s*" + _NUMBER + r"\b"
)  # fmt: skip
_BARE_LEVEL = re.compile(r"(?:it'?s |its |i'?m |im )?(?:a |at |on )?" + _NUMBER + r"(?:\.0)?")


def in_range(level: int) -> Optional[int]:
    """``level`` if it is an RQF/FHEQ level (1-8), else None."""
    return level if MIN_LEVEL <= level <= MAX_LEVEL else None


def number(word: str) -> Optional[int]:
    """The value of a digit or number word ("3", "three")."""
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word)


def explicit_level(text: object) -> Optional[int]:
    """The level a text states: "level 3", "L3", "lvl three", "nvq 2", or a bare "3".

    A bare number or number word counts only when it is the whole answer ("3",
    "it's three"). Levels implied by a kind of qualification ("HND") are not read
    here: that is the resolver's job.
    """
    if isinstance(text, bool) or text is None:
        return None
    if isinstance(text, (int, float)):
        return in_range(int(text)) if float(text).is_integer() else None
    lowered = " ".join(str(text).lower().split())
    found = _LEVEL_PHRASE.search(lowered)
    if found:
        value = number(found.group(1) or found.group(2))
        return in_range(value) if value is not None else None
    bare = _BARE_LEVEL.fullmatch(lowered.strip(" .!"))
    if bare:
        value = number(bare.group(1))
        return in_range(value) if value is not None else None
    return None


# -- ordinals -------------------------------------------------------------

#: index meaning "the last one"; :func:`option_index` turns it into a real index
LAST = -1
#: words naming a listed option, 0-based ("second" -> 1); "last" -> :data:`LAST`
ORDINALS: Dict[str, int] = {
    **{w: i for i, w in enumerate(
        ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"])},
    **{f"{i + 1}{s}": i for i, s in enumerate(["st", "nd", "rd", "th", "th", "th", "th", "th"])},
    "top": 0, "last": LAST, "final": LAST, "bottom": LAST,
}  # fmt: skip
#: words after an ordinal that make it something else ("first year", "last night")
TIME_NOUNS: FrozenSet[str] = frozenset(
    {"night", "year", "years", "time", "week", "day", "month", "term", "thing", "place", "job",
     "form", "former", "class", "go", "attempt"}
)
_TEXT_ORDINAL = re.compile(
    r"\b(" + "|".join(w for w in ORDINALS if w not in ("top", "bottom")) + r")\b(?:\s+(\w+))?"
    r"|\b(?:the )?(top|bottom) (?:one|option|route)\b"
    r"|\b(?:option|number|no\.?|route|choice|#)\s*" + _NUMBER + r"\b"
    r"|^\s*" + _NUMBER + r"\s*$"
)


def ordinal_index(text: object) -> Optional[int]:
    """The 0-based index an ordinal names: "second" -> 1, "2" -> 1, "last" -> :data:`LAST`."""
    if text is None or isinstance(text, bool):
        return None
    if isinstance(text, (int, float)):
        return int(text) - 1 if int(text) >= 1 else None
    for word in re.findall(r"[a-z0-9]+", str(text).lower()):
        if word in ORDINALS:
            return ORDINALS[word]
        value = number(word)
        if value is not None:
            return value - 1 if value >= 1 else None
    return None


def find_ordinal(text: str) -> Optional[int]:
    """An ordinal in a whole message ("tell me more about the second one", "option 3")."""
    for found in _TEXT_ORDINAL.finditer(text.lower()):
        word, after, top, numbered, bare = found.groups()
        if word and after in TIME_NOUNS:
            continue
        return ordinal_index(word or top or numbered or bare)
    return None


def option_index(index: int, count: int) -> int:
    """A 0-based index into ``count`` options, with :data:`LAST` meaning the last one."""
    return count - 1 if index == LAST else index


# -- study modes ----------------------------------------------------------

#: what learners say -> the contract's study mode (first match wins, most specific first)
MODE_PHRASES: Sequence[Tuple[str, str]] = (
    (r"block[\s-]*release|day[\s-]*release", "block-release"),
    (r"part[\s-]*time|\bpt\b|fit (?:it )?around|(?:around|alongside) (?:my )?(?:job|work)",
     "part-time"),
    (r"evening (?:classes|class|courses?|study)|night class|after work", "evening"),
    (r"work[\s-]*based|on the job|earn (?:while|and) (?:you |i )?learn", "work-based"),
    (r"distance[\s-]*(?:learning|learn|course|study)|online (?:course|study|learning)"
     r"|open university", "distance"),
    # "I work full time" is about a job, not a way of studying
    (r"(?<!work )(?<!working )(?<!job )full[\s-]*time(?! job)|\bft\b", "full-time"),
)  # fmt: skip
#: words that name a mode only when the learner asks for it ("evenings only", "any
#: apprenticeships?"), not in passing ("I stream most nights", "my apprenticeship")
MODE_WORDS: Sequence[Tuple[str, str]] = (
    (r"\bweekends?\b", "part-time"),
    (r"\bevenings?\b", "evening"),
    (r"\bapprenticeships?\b", "work-based"),
    # "away from home" is where, not how
    (r"\bdistance\b|\bonline\b|\bremote(?:ly)?\b|(?<!away )\bfrom home\b|\bat home\b",
     "distance"),
)
#: words that make a message ask for a way of studying
MODE_REQUEST = re.compile(
    r"\b(?:only|has to|have to|had to|need|needs|prefer|would like|want|wanna|can i|could i|"
    r"is there|are there|any|must|something|anything|study|studying|do it|doing it)\b"
)
assert {mode for _p, mode in MODE_PHRASES} == set(STUDY_MODES)

#: the catalogue modes that satisfy each mode a learner asks for
MODE_MATCHES: Dict[str, FrozenSet[str]] = {
    "part-time": frozenset({"part-time", "evening"}),
    "evening": frozenset({"evening"}),
    "work-based": frozenset({"work-based", "block-release"}),
    "block-release": frozenset({"block-release"}),
    "distance": frozenset({"distance"}),
    "full-time": frozenset({"full-time"}),
}
#: how each mode reads in a sentence
MODE_PHRASE: Dict[str, str] = {
    "part-time": "part-time",
    "evening": "evening",
    "work-based": "apprenticeship or work-based",
    "block-release": "block-release",
    "distance": "distance-learning",
    "full-time": "full-time",
}
_MODE_ORDER = [mode for _p, mode in MODE_PHRASES]


#: a clause ends here ("..., but", ". ")
_CLAUSE_END = re.compile(r"[.,;!?]|\bbut\b|\bthough\b|\bso\b")
#: a clause that says no to what follows ("I don't want another year of full time college")
NEGATED = re.compile(
    r"\b(?:don'?t|dont|do not|doesn'?t|not|never|no more|no longer|can'?t|cannot|won'?t|"
    r"wouldn'?t|hate|sick of|fed up|rather not|instead of|avoid)\b"
)
#: words after a mode that make it a job's, not a course's ("a full time job")
_JOB_AFTER = re.compile(r"^\s*(?:jobs?|work|role|position|contract|hours|shifts?|employment|"
                        r"permanent|salar(?:y|ies)|wages?|pay|income|earnings|at (?:a|the|my) )")


def _said_for_study(pattern: str, lowered: str) -> bool:
    """Whether ``pattern`` names a way the learner wants to study, in its own clause.

    Not when the clause negates it ("I don't want another year of full time college")
    or it describes a job ("a hotel offered me a full time job").
    """
    for match in re.finditer(pattern, lowered):
        ends = list(_CLAUSE_END.finditer(lowered, 0, match.start()))
        clause = lowered[ends[-1].end() if ends else 0 : match.start()]
        if NEGATED.search(clause) or _JOB_AFTER.search(lowered[match.end() :]):
            continue
        return True
    return False


def modes_in(text: object, asked: Optional[bool] = None) -> List[str]:
    """The contract study modes a text asks for, in a fixed order ("evenings only").

    Phrases such as "part-time" or "distance learning" always count; words such as
    "evenings" or "apprenticeships" only when the text asks for them (``asked``; by
    default, when it has a word such as "only", "need" or "any").
    """
    if not text:
        return []
    lowered = str(text).lower()
    found = {mode for pattern, mode in MODE_PHRASES if _said_for_study(pattern, lowered)}
    if asked is None:
        asked = bool(MODE_REQUEST.search(lowered)) or len(lowered.split()) <= 4
    if asked:
        found |= {mode for pattern, mode in MODE_WORDS if _said_for_study(pattern, lowered)}
    if "block-release" in found:
        found.discard("part-time")  # "day release" is not "part-time" twice
    return sorted(found, key=_MODE_ORDER.index)


#: a word of a course's duration that names how it is taught ("2 evenings a week"): the
#: search also looks for it, so a course whose modes leave it out is still found
DURATION_MODE_WORDS: Dict[str, str] = {"evening": "evening", "distance": "online"}


@lru_cache(maxsize=4096)
def taught_modes(modes: Tuple[str, ...], duration: str) -> FrozenSet[str]:
    """A course's modes: those the catalogue lists, and those its duration describes.

    "1 yr, 2 evenings a week + online" is an evening course, and partly online, even
    when the catalogue's modes say only part-time.
    """
    described = {mode for mode in modes_in(duration, asked=True) if mode in DURATION_MODE_WORDS}
    return frozenset(modes) | described


def catalogue_modes(modes: Sequence[str]) -> FrozenSet[str]:
    """The catalogue modes that satisfy any of the learner's modes."""
    out: set = set()
    for mode in modes:
        out |= MODE_MATCHES.get(mode, frozenset({mode}))
    return frozenset(out)


# -- distances ------------------------------------------------------------

#: kilometres in a mile (distances are kept in km)
KM_PER_MILE = 1.609344
_DISTANCE = re.compile(r"(\d+(?:\.\d+)?)\s*(miles?|mi\b|km\b|kms\b|kilomet(?:re|er)s?)")


def distance_km(text: str) -> Optional[float]:
    """The distance in "within 20 miles", "15km", in km."""
    found = _DISTANCE.search(text.lower())
    if not found:
        return None
    value = float(found.group(1)) * (KM_PER_MILE if found.group(2).startswith("m") else 1)
    return round(value, 1) if value > 0 else None


# -- grades ---------------------------------------------------------------

#: BTEC-style grade words and their rank
GRADE_WORDS: Dict[str, int] = {"pass": 0, "merit": 1, "distinction": 2, "distinction*": 3}
#: grade letters in a profile such as "DMM"
GRADE_LETTERS: Dict[str, int] = {"P": 0, "M": 1, "D": 2}


def grade_rank(text: object) -> Optional[float]:
    """Rank a grade: pass 0, merit 1, distinction 2; a profile "DMM" averages to 1.33.

    In a longer text (an agreement's conditions) a grade profile in capitals such as
    "MPP" wins, otherwise the highest grade word mentioned.
    """
    if not text:
        return None
    raw = str(text).strip()
    whole = re.fullmatch(r"([pmd]\*?){2,3}", raw, flags=re.IGNORECASE)
    letters = raw if whole else None
    if letters is None:
        found = re.search(r"\b((?:[PMD]\*?){2,3})(?![A-Za-z])", raw)
        letters = found.group(1) if found else None
    if letters:
        ranks = [GRADE_LETTERS[c] for c in letters.upper() if c in GRADE_LETTERS]
        return sum(ranks) / len(ranks)
    lowered = raw.lower()
    found_words = [
        rank for word, rank in GRADE_WORDS.items()
        if re.search(rf"\b{re.escape(word)}(?!\w)", lowered)
        or (word.endswith("*") and re.search(rf"\b{word[:-1]}\s*(?:\*|star)", lowered))
    ]  # fmt: skip
    return float(max(found_words)) if found_words else None


#: a result in another scale: "grade 4", "grade C", "GCSE Maths 4", a degree class
#: "2:1", "first-class", a mark "50%" or "60% average"
_OTHER_GRADE = re.compile(
    r"\bgrade\s+[1-9A-E]\b|\bgcse\b[^;.+]*?\b[4-9]\b|\b2:[12]\b|\b(?:first|third)[\s-]+class\b"
    r"|\b\d{1,3}\s*%",
    flags=re.IGNORECASE,
)
#: UCAS tariff points: "64 UCAS points", "112 points"
_POINTS = re.compile(r"\b\d+\s*(?:ucas\s+)?(?:tariff\s+)?points\b", flags=re.IGNORECASE)
_PROFILE = re.compile(r"\b(?:[PMD]\*?){2,3}(?![A-Za-z])")


def names_grade(text: object) -> bool:
    """Whether an agreement's conditions name a grade or points to reach.

    A grade profile ("MPP", even "PPP"), a grade word above a pass ("Merit",
    "Distinction"), a grade in another scale ("GCSE maths at grade 4", "2:1", "50%")
    or UCAS points count. A bare "pass" does not: "Pass the HNC" says only that the
    course must be finished, not how well.
    """
    if not text:
        return False
    raw = str(text)
    if _PROFILE.search(raw) or _OTHER_GRADE.search(raw) or _POINTS.search(raw):
        return True
    rank = grade_rank(raw)
    return rank is not None and rank > 0
