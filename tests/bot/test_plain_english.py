"""Bot replies stay short and plain: every response text in the domain and in messages.yml.

Three checks, each over every text:

- no sentence longer than :data:`MAX_WORDS` words;
- no jargon from :data:`JARGON` unless the same text explains it in brackets, and no
  stiff word from :data:`STIFF` where a plain one will do;
- a Flesch reading ease (our own small function below, with a vowel-group syllable
  heuristic) of at least :data:`MIN_TEXT_EASE` for every text of
  :data:`MIN_SCORED_WORDS` words or more, and at least :data:`MIN_OVERALL_EASE` over all
  the texts together.

Placeholders such as ``{title}`` count as one short word: a course title is a name the
learner already knows, not prose they must parse.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, Iterator, List, Tuple

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = ROOT / "bot" / "domain"
MESSAGES = ROOT / "actions" / "messages.yml"

#: the longest sentence we send; plain-English guides suggest 15-20 words on average
MAX_WORDS = 25
#: texts shorter than this are not scored: Flesch is noise on "None of these"
MIN_SCORED_WORDS = 12
#: Flesch 60-70 is "plain English", 70-80 "fairly easy", 80-90 "easy". When this was
#: written the hardest scored text scored 63 (constraint_not_understood), the median 86
#: and all the texts together 90: the floors keep every text plain and the whole easy
MIN_TEXT_EASE = 60.0
MIN_OVERALL_EASE = 80.0

#: terms a learner may not know: allowed only with an explanation in brackets after them
JARGON = (
    "articulation",
    "FHEQ",
    "RQF",
    "tariff",
    "APL",
    "RPL",
    "accreditation of prior learning",
    "credit transfer",
    "matriculation",
    "prerequisite",
    "modality",
    "HE provider",
    "FE provider",
)
#: stiff words and their plain replacements
STIFF = {
    "utilise": "use",
    "commence": "start",
    "prior to": "before",
    "in order to": "to",
    "facilitate": "help",
    "in receipt of": "have",
    "endeavour": "try",
    "furthermore": "also",
    "henceforth": "from now on",
    "aforementioned": "this",
    "in relation to": "about",
    "approximately": "about",
}

PLACEHOLDER = re.compile(r"\{[^{}]*\}")
WORD = re.compile(r"[A-Za-z0-9]+(?:['\u2019-][A-Za-z0-9]+)*")
SENTENCE_END = re.compile(r"(?<=[.!?:])[\"\u201d')]*\s+|\n+")


def response_texts() -> Iterator[Tuple[str, str]]:
    """(where, text) for every response text in bot/domain/*.yml and actions/messages.yml."""
    for path in sorted(DOMAIN.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for name, variations in (data.get("responses") or {}).items():
            for number, variation in enumerate(variations):
                if variation.get("text"):
                    yield f"{path.name}:{name}[{number}]", variation["text"]
    messages = yaml.safe_load(MESSAGES.read_text(encoding="utf-8"))["messages"]
    for name, message in messages.items():
        yield f"messages.yml:{name}", message["text"]


def plain(text: str) -> str:
    """The text as a learner reads it, a placeholder standing for one short word."""
    return PLACEHOLDER.sub("it", text).strip()


def sentences(text: str) -> List[str]:
    """The sentences (and list lines) of ``text``, each with at least one word."""
    return [s for s in SENTENCE_END.split(plain(text)) if WORD.search(s)]


def words(text: str) -> List[str]:
    """The words of ``text``."""
    return WORD.findall(text)


def syllables(word: str) -> int:
    """Roughly how many syllables ``word`` has: vowel groups, less a silent final e."""
    word = word.lower()
    if word.isdigit():
        return len(word)  # "20" is "twen-ty"; close enough
    count = len(re.findall(r"[aeiouy]+", word))
    if word.endswith("e") and not word.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    return max(1, count)


def flesch(text: str) -> float:
    """Flesch reading ease of ``text``: 206.835 - 1.015 wps - 84.6 spw."""
    found = sentences(text)
    all_words = [w for s in found for w in words(s)]
    if not all_words:
        return 100.0
    per_sentence = len(all_words) / len(found)
    per_word = sum(syllables(w) for w in all_words) / len(all_words)
    return 206.835 - 1.015 * per_sentence - 84.6 * per_word


TEXTS: Dict[str, str] = dict(response_texts())


def test_every_text_is_found() -> None:
    # the domain and messages.yml together hold well over fifty texts
    assert len(TEXTS) > 50
    assert any(where.startswith("core.yml:") for where in TEXTS)
    assert any(where.startswith("messages.yml:") for where in TEXTS)


@pytest.mark.parametrize(
    ("word", "count"),
    [("the", 1), ("course", 1), ("college", 2), ("adviser", 3), ("university", 5), ("20", 2)],
)
def test_syllable_heuristic(word: str, count: int) -> None:
    assert syllables(word) == count


def test_flesch_tells_plain_from_dense() -> None:
    assert flesch("The cat sat on the mat. It was a fine day.") > 90
    dense = (
        "Institutional articulation arrangements facilitate progression opportunities "
        "notwithstanding heterogeneous qualification specifications."
    )
    assert flesch(dense) < 0


@pytest.mark.parametrize("where", sorted(TEXTS))
def test_sentences_are_short(where: str) -> None:
    long = [s for s in sentences(TEXTS[where]) if len(words(s)) > MAX_WORDS]
    assert not long, f"{where}: {len(words(long[0]))} words in {long[0]!r}"


@pytest.mark.parametrize("where", sorted(TEXTS))
def test_no_unexplained_jargon_or_stiff_words(where: str) -> None:
    text = plain(TEXTS[where])
    for term in JARGON:
        for match in re.finditer(rf"\b{re.escape(term)}\b", text, re.IGNORECASE):
            assert text[match.end() :].startswith(" ("), f"{where}: explain {term!r} in brackets"
    for stiff, simple in STIFF.items():
        assert not re.search(rf"\b{stiff}\b", text, re.IGNORECASE), (
            f"{where}: say {simple!r}, not {stiff!r}"
        )


@pytest.mark.parametrize(
    "where", sorted(w for w, t in TEXTS.items() if len(words(plain(t))) >= MIN_SCORED_WORDS)
)
def test_each_text_reads_easily(where: str) -> None:
    score = flesch(TEXTS[where])
    assert score >= MIN_TEXT_EASE, f"{where}: Flesch reading ease {score:.0f}"


def test_all_texts_together_read_easily() -> None:
    score = flesch("\n".join(TEXTS.values()))
    assert score >= MIN_OVERALL_EASE, f"Flesch reading ease of all texts: {score:.0f}"
