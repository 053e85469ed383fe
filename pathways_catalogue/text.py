"""Text normalisation shared by import, search and matching.

Words are lower-cased, split on non-letters and reduced to lemmas with spaCy's
English lookup table (the one ``spacy.blank("en")`` uses with ``spacy-lookups-data``);
no trained pipeline is needed. Typos are handled by :mod:`rapidfuzz`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, Iterable, List, Sequence, Tuple

from rapidfuzz import fuzz

WORD_RE = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")

#: words that carry no meaning for matching interests or courses
STOP_WORDS: FrozenSet[str] = frozenset(
    """a an and any are as at be but by can course courses do doing for from get go
    going have i i'd i'm id im in into is it its just like love me my next of on or
    our really some something study studying that the their them then there this to
    want wanna with would you your yr level lvl year years""".split()
)

#: fuzzy score (0-100) above which two words count as the same word misspelt
TYPO_SCORE = 84.0
#: shortest word for prefix matching ("robot" ~ "robotics") or typo matching
MIN_FUZZY_LEN = 4


@lru_cache(maxsize=1)
def lemma_table() -> Dict[str, str]:
    """Load spaCy's English lemma lookup table once.

    This is the ``lemma_lookup`` table from ``spacy-lookups-data`` that
    ``spacy.blank("en")``'s lemmatizer uses in ``lookup`` mode. It is read directly
    so that the catalogue does not import spaCy, whose ``thinc`` backend imports
    TensorFlow (several seconds) when it is installed; ``tests`` check that both
    give the same lemmas.
    """
    import gzip
    import json

    import spacy_lookups_data

    path = Path(str(spacy_lookups_data.en["lemma_lookup"]))
    if not path.exists():
        path = path.with_name(path.name + ".gz")
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        table: Dict[str, str] = json.load(handle)
    return table


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """Return the lemma of a lower-case word ("robots" -> "robot")."""
    return lemma_table().get(word, word)


def words(text: str) -> List[str]:
    """Lower-case word tokens of ``text``."""
    return WORD_RE.findall(text.lower().replace("\u2019", "'"))


def terms(text: str, keep_stop_words: bool = False) -> List[str]:
    """Lemmatised content words of ``text``, in order."""
    out = []
    for word in words(text):
        if not keep_stop_words and word in STOP_WORDS:
            continue
        out.append(lemma(word))
    return out


def term_set(parts: Iterable[str]) -> FrozenSet[str]:
    """The set of lemmatised content words across several texts."""
    found: set = set()
    for part in parts:
        found.update(terms(part))
    return frozenset(found)


@lru_cache(maxsize=500_000)
def word_similarity(a: str, b: str) -> float:
    """How alike two lemmas are, in [0, 1].

    1.0 for the same lemma, 0.9 when one starts the other ("robot", "robotics"),
    0.8 for a likely typo ("enginering", "engineering"), else 0.
    """
    if a == b:
        return 1.0
    if min(len(a), len(b)) < MIN_FUZZY_LEN:
        return 0.0
    if a.startswith(b) or b.startswith(a):
        return 0.9
    if fuzz.ratio(a, b) >= TYPO_SCORE:
        return 0.8
    return 0.0


def match_terms(
    wanted: Sequence[str], available: Iterable[str]
) -> Tuple[float, List[Tuple[str, str]]]:
    """Score how well ``available`` words cover the ``wanted`` ones.

    Returns the mean best similarity per wanted word, and the (wanted, matched)
    pairs that scored above zero.
    """
    if not wanted:
        return 0.0, []
    pool = list(available)
    total = 0.0
    pairs: List[Tuple[str, str]] = []
    for want in wanted:
        best, best_word = 0.0, ""
        for have in pool:
            score = word_similarity(want, have)
            if score > best:
                best, best_word = score, have
                if score == 1.0:
                    break
        if best:
            pairs.append((want, best_word))
        total += best
    return total / len(wanted), pairs
