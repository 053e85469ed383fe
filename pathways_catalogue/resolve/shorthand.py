"""The general vocabulary of ``abbreviations.yml``, and the tokens of text.

``abbreviations.yml`` (next to this package, in :mod:`pathways_catalogue`) names the
shorthand learners write ("ext dip" -> "extended diploma"), the qualification families
("btec", "hnc", "t level"), subject synonyms ("it" = "computing"), number words and
the words that make a name an institution's. It is read once, lazily, by
:func:`shorthand`. :func:`tokens` is how every module of the package splits text into
words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, FrozenSet, Iterable, List, Set, Tuple

import yaml

from pathways_catalogue.resolve.levels import NUMBER_WORDS, NUMBERED_RE
from pathways_catalogue.text import lemma, lemma_table

SHORTHAND_FILE = Path(__file__).resolve().parent.with_name("abbreviations.yml")

#: the qualification family of awarding bodies' names in abbreviations.yml
AWARDING_BODY = "awarding body"
#: words that link the parts of a course name ("diploma in engineering")
CONNECTORS: FrozenSet[str] = frozenset({"in", "of", "and", "for", "to", "course"})
#: words that say "a course" without saying which
FILLER_WORDS: FrozenSet[str] = frozenset(
    {"course", "courses", "qualification", "programme", "program", "class", "classes",
     "subject", "thing", "stuff", "one", "studies", "principles",
     # when, not what ("an Access course yesterday at Caradon")
     "yesterday", "today", "tomorrow", "tonight"}
)  # fmt: skip

#: a word of cleaned text
_TOKEN_RE = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class Shorthand:
    """The general vocabulary of ``abbreviations.yml``, ready for matching."""

    expansions: Dict[Tuple[str, ...], Tuple[str, ...]]
    ambiguous: FrozenSet[str]
    #: lemma phrase -> ("qual", family) or ("syn", "#group")
    phrases: Dict[Tuple[str, ...], Tuple[str, str]]
    qual_levels: Dict[str, int]
    #: family -> itself and every family it belongs to
    qual_closure: Dict[str, FrozenSet[str]]
    numbers: Dict[str, int]
    institution_words: FrozenSet[str]
    #: every surface word of the file (known words, typo-correction targets)
    words: FrozenSet[str]
    #: surface words that belong to a qualification name (after expansion)
    qual_words: FrozenSet[str]
    #: surface phrases that name a qualification ("city and guilds", "ext dip")
    qual_surface: FrozenSet[str]
    #: the one-word ones ("btec", "hnc", "dip")
    qual_single: FrozenSet[str]
    #: the longest phrase, in words
    max_phrase: int

    def close(self, quals: Iterable[str]) -> FrozenSet[str]:
        """The families ``quals`` name, with every family they belong to."""
        out: Set[str] = set()
        for qual in quals:
            out.update(self.qual_closure.get(qual, {qual}))
        return frozenset(out)


def _lemmas(phrase: str) -> Tuple[str, ...]:
    return tuple(lemma(w) for w in tokens(phrase))


def tokens(text: str) -> List[str]:
    """The words of ``text``, cleaned by :func:`_clean`."""
    return _TOKEN_RE.findall(_clean(text))


def _clean(text: str) -> str:
    """Lower-case; no apostrophes ("king's" = "kings"); "&" is "and"; "nvq2" is "nvq 2"."""
    text = text.lower().replace("\u2019", "").replace("'", "")
    text = text.replace("&", " and ").replace("+", " and ")
    text = NUMBERED_RE.sub(r"\1 \2", text)
    return re.sub(r"[-/]", " ", text)


@lru_cache(maxsize=1)
def shorthand() -> Shorthand:
    """Load ``abbreviations.yml`` once."""
    raw: Dict[str, Any] = yaml.safe_load(SHORTHAND_FILE.read_text(encoding="utf-8"))
    expansions = {
        tuple(tokens(k)): tuple(tokens(v))
        for k, v in raw["expansions"].items()
    }
    phrases: Dict[Tuple[str, ...], Tuple[str, str]] = {}
    levels: Dict[str, int] = {}
    includes: Dict[str, List[str]] = {}
    qual_words: Set[str] = set()
    for family, spec in raw["qualifications"].items():
        for phrase in spec["words"]:
            # each awarding body is a family of its own, within "awarding body"
            name = f"{family}: {phrase}" if family == AWARDING_BODY else family
            phrases[_lemmas(phrase)] = ("qual", name)
            qual_words.update(tokens(phrase))
            if name != family:
                includes[name] = [family]
        if spec.get("level") is not None:
            levels[family] = int(spec["level"])
        includes.setdefault(family, []).extend(spec.get("includes", []))
    for group, members in raw["synonyms"].items():
        for phrase in members:
            phrases.setdefault(_lemmas(phrase), ("syn", "#" + group))
    closure: Dict[str, FrozenSet[str]] = {}
    for family in includes:
        seen, todo = {family}, list(includes[family])
        while todo:
            item = todo.pop()
            if item not in seen:
                seen.add(item)
                todo.extend(includes.get(item, []))
        closure[family] = frozenset(seen)
    words: Set[str] = set(qual_words)
    for key, value in expansions.items():
        words.update(key)
        words.update(value)
    for members in raw["synonyms"].values():
        for member in members:
            words.update(tokens(member))
    surface = {
        " ".join(tokens(phrase))
        for spec in raw["qualifications"].values()
        for phrase in spec["words"]
    }
    for key, value in expansions.items():
        if set(value) <= qual_words:
            qual_words.update(key)
            surface.add(" ".join(key))
    return Shorthand(
        expansions=expansions,
        ambiguous=frozenset(raw.get("ambiguous", [])),
        phrases=phrases,
        qual_levels=levels,
        qual_closure=closure,
        numbers=dict(NUMBER_WORDS),
        institution_words=frozenset(raw["institution_words"]),
        words=frozenset(words),
        qual_words=frozenset(qual_words),
        qual_surface=frozenset(surface),
        qual_single=frozenset(p for p in surface if " " not in p),
        max_phrase=max(len(p) for p in [*phrases, *expansions]),
    )


def is_dictionary_word(word: str) -> bool:
    """Whether spaCy's English lemma table knows ``word`` (lower case)."""
    return word in dictionary_words()


@lru_cache(maxsize=1)
def dictionary_words() -> FrozenSet[str]:
    """Every English word form spaCy's lemma table knows (never typo-corrected)."""
    table = lemma_table()
    return frozenset(table) | frozenset(table.values())
