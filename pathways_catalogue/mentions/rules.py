"""Small named rules: levels, grades, study modes and ordinals (spaCy ``Matcher`` patterns).

The patterns are plain data; :mod:`pathways_catalogue.mentions.matcher` adds them to a ``Matcher``.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from pathways_catalogue import vocabulary

#: number words, in order ("one" .. "eight")
NUMBER_WORDS: List[str] = list(vocabulary.NUMBER_WORDS)
#: words after "first", "last"... that make them no listed option ("last night")
TIME_NOUNS = vocabulary.TIME_NOUNS
#: index (0-based; vocabulary.LAST = the last one) of each ordinal word or number
ORDINALS: Dict[str, int] = {
    **vocabulary.ORDINALS,
    **{w: n - 1 for w, n in vocabulary.NUMBER_WORDS.items()},
    **{str(n): n - 1 for n in vocabulary.NUMBER_WORDS.values()},
}


def level_patterns() -> List[List[Dict[str, Any]]]:
    """Levels: "level 3", "lvl 2", "level three", "level-3", "L3", "lvl2"."""
    number = {"LOWER": {"IN": [*map(str, range(1, 9)), *NUMBER_WORDS]}}
    return [
        [{"LOWER": {"IN": sorted(vocabulary.LEVEL_WORDS)}}, {"ORTH": "-", "OP": "?"}, number],
        [{"LOWER": {"REGEX": r"^(?:l|lv|lvl|lev|level)[1-8]$"}}],
    ]


def grade_patterns() -> List[List[Dict[str, Any]]]:
    """Grades: "merit", "triple distinction", "DMM", "D*D*D*", "grade 5", A levels "A*AB"."""
    words = [w for w in vocabulary.GRADE_WORDS if w.isalpha()]
    word = {"LOWER": {"IN": [*words, *(f"{w}s" for w in words)]}}
    return [
        [{"LOWER": {"IN": ["double", "triple", "single"]}, "OP": "?"}, word,
         {"LOWER": {"IN": ["star", "*"]}, "OP": "?"}],
        [{"LOWER": {"REGEX": r"^(?!mmm$|ppp$)(?:d\*?|m|p){3}$"}}],
        [{"LOWER": {"REGEX": r"^(?:d\*){2}d$"}}, {"ORTH": "*", "OP": "?"}],
        [{"LOWER": "grade"}, {"LOWER": {"REGEX": r"^[1-9]$|^[a-e]\*?$"}}],
        [{"TEXT": {"REGEX": r"^(?:A\*|[A-E]){3}$"}}],
    ]  # fmt: skip


def mode_patterns() -> List[List[Dict[str, Any]]]:
    """Study modes: part-time, full-time, evenings, weekends, online, distance, day release."""
    dash = {"ORTH": "-", "OP": "?"}
    return [
        [{"LOWER": {"IN": ["part", "full"]}}, dash, {"LOWER": "time"}],
        [{"LOWER": {"IN": ["parttime", "fulltime", "evenings", "weekends", "online"]}}],
        [{"LOWER": {"IN": ["evening", "weekend"]}},
         {"LOWER": {"IN": ["classes", "class"]}, "OP": "?"}],
        [{"LOWER": {"IN": ["night", "nights"]}}, {"LOWER": {"IN": ["classes", "class"]}}],
        [{"LOWER": "distance"}, {"LOWER": {"IN": ["learning", "study", "course"]}, "OP": "?"}],
        [{"LOWER": {"IN": ["day", "block"]}}, {"LOWER": "release"}],
        [{"LOWER": {"IN": ["from", "at"]}}, {"LOWER": "home"}],
        [{"LOWER": "work"}, dash, {"LOWER": "based"}],
        [{"LOWER": "on"}, {"LOWER": "the"}, {"LOWER": "job"}],
        [{"LOWER": {"IN": ["apprenticeship", "apprenticeships"]}}],
    ]  # fmt: skip


def ordinal_patterns() -> List[List[Dict[str, Any]]]:
    """Which listed option: "second", "2nd", "last", "option 3", "number two", "the top one"."""
    ordinal = [w for w in ORDINALS if not w.isdigit() and w not in NUMBER_WORDS]
    ordinal = [w for w in ordinal if w not in ("top", "bottom")]
    number = [*map(str, range(1, 9)), *NUMBER_WORDS]
    return [
        [{"LOWER": {"IN": ordinal}}],
        [{"LOWER": {"IN": ["top", "bottom"]}}, {"LOWER": {"IN": ["one", "option", "route"]}}],
        [{"LOWER": {"IN": ["option", "number", "no", "route", "choice"]}},
         {"LOWER": {"IN": number}}],
        [{"LOWER": {"IN": ["about", "on"]}}, {"LOWER": {"IN": number[:8]}}],
    ]  # fmt: skip


def rule_patterns() -> Dict[str, List[List[Dict[str, Any]]]]:
    """Every rule of this module, by entity type (for one spaCy ``Matcher``)."""
    return {
        "level": level_patterns(),
        "grade": grade_patterns(),
        "mode": mode_patterns(),
        "ordinal": ordinal_patterns(),
    }


def ordinal_of(text: str) -> Optional[int]:
    """The 0-based index an ordinal span names ("second" -> 1, "last" -> -1)."""
    words = text.lower().split()
    return ORDINALS.get(words[-1]) if words else None


def mode_of(text: str) -> Optional[str]:
    """The contract study mode a mode span names ("evening classes" -> "evening")."""
    found = vocabulary.modes_in(text)
    return found[0] if found else None
