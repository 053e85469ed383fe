"""When an everyday word may name a course, subject, interest, institution or town.

Catalogues use ordinary words as names: "IT" is an alias of a course, "Care" and "Art"
are subjects, "local" and "send" are course keywords. :class:`EverydayWords` reads the
table ``pathways_catalogue/everyday_words.yml`` (data, not code) and says whether a span
found in a message may stand:

* a span made only of function words ("it", "on it", "at us") never does;
* an acronym that is also a word ("it", "pe", "send") stands in capitals ("IT") or
  beside a level or qualification word ("level 3 it", "btec it", "it diploma");
* a subject word that is also an ordinary word ("art", "care", "business") stands
  with study context ("I want to do art", "art and design", "sport level 3") or as a
  whole answer ("art"), not inside an idiom ("the art of", "I don't care") or after a
  negation ("not into sport").

The same rule holds for every network: it looks at the learner's words, never at which
aliases a catalogue happens to have.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, FrozenSet, Sequence, Tuple

import yaml

from pathways_catalogue.text import terms

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

TABLE = Path(__file__).resolve().parent.parent / "everyday_words.yml"
#: entity types the table applies to
NAMES = frozenset({"course", "subject", "interest", "institution", "town"})
#: how many words before a span are read for study context or a negation
REACH = 3
#: how many words before an interest are read for a cue ("love robots and cars")
INTEREST_REACH = 5


def _words(value: object) -> FrozenSet[str]:
    return frozenset(str(value or "").lower().split())


@dataclass(frozen=True)
class EverydayWords:
    """The table of everyday words (see the module docstring)."""

    function_words: FrozenSet[str]
    acronyms: FrozenSet[str]
    ambiguous: FrozenSet[str]
    study_cues: FrozenSet[str]
    course_nouns: FrozenSet[str]
    negations: FrozenSet[str]
    idioms: Tuple[re.Pattern, ...]
    education_words: FrozenSet[str] = frozenset()

    @classmethod
    def load(cls, path: Path = TABLE) -> EverydayWords:
        """Read the table from ``path``."""
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        return cls(
            function_words=_words(data.get("function_words")),
            acronyms=_words(data.get("acronyms")),
            ambiguous=_words(data.get("ambiguous")),
            study_cues=_words(data.get("study_cues")),
            course_nouns=_words(data.get("course_nouns")),
            negations=_words(data.get("negations")),
            idioms=tuple(re.compile(p) for p in data.get("idioms") or ()),
            education_words=_words(data.get("education_words")),
        )

    def stands(self, doc: Doc, start: int, end: int, kind: str, about: bool = False) -> bool:
        """Whether the tokens ``doc[start:end]``, found as ``kind``, may name it.

        ``about``: the message as a whole is about the learner's interests or course (its
        intent says so), which is context enough for a subject word.
        """
        if kind not in NAMES or end <= start:
            return True
        tokens = list(doc[start:end])
        words = [t.lower_ for t in tokens
                 if t.lower_ not in self.function_words or self._acronym(t)]  # fmt: skip
        if not words:
            return False  # "it", "on it", "at us": never a name on their own
        if kind == "interest" and self.about_studying(words):
            return False  # "uni", "a career change": studying itself, not a field
        if self._in_idiom(doc, start, end):
            return False  # "the art of", "I don't care", "mental health", "be a sport"
        if kind in ("town", "institution") and len(tokens) == 1 and _ordinary(tokens[0]):
            # "she marches in", "reading all this": an ordinary word in lower case is a
            # place only after "in", "at", "near"... ("a course in reading")
            before = doc[start - 1].lower_ if start > 0 else ""
            return before in _LOCATIVES or self._whole_answer(doc, start, end)
        if any(self._only_a_name(w) for w in words):
            return True  # a word that is only a name ("robotics", "Selby")
        if kind in ("town", "institution"):
            before = doc[start - 1].lower_ if start > 0 else ""
            return tokens[0].text[:1].isupper() or before in _LOCATIVES
        if self._negated(doc, start):
            return kind not in ("subject", "interest", "course")
        if all(self._acronym_word(w) for w in words):
            capitals = any(self._acronym(t) for t in tokens)
            return capitals or self._beside_course(doc, start, end)
        if len(words) > 1 and kind in ("course", "subject"):
            return True  # "health and social care", "art and design", "sport science"
        return (
            about
            or self._beside_course(doc, start, end)
            or self._study_context(doc, start)
            or self._whole_answer(doc, start, end)
            or any(t.text.isupper() and len(t.text) > 1 for t in tokens)
        )

    def interest_stands(self, doc: Doc, start: int, end: int, about: bool = False) -> bool:
        """Whether an interest found in the text is one the learner states.

        A one-word interest ("bus", "baby") stands when the message is about interests
        (``about``), when a cue comes before it ("I love robots", "working with
        animals"), or when it is the whole answer; a longer one ("harbour master",
        "ethical hacking") always does.
        """
        words = [t for t in doc[start:end] if t.lower_ not in self.function_words]
        if self.about_studying([t.lower_ for t in words]):
            return False  # "uni", "a career change": studying itself, not a field
        if about or len(words) > 1:
            return True
        before = [t.lower_ for t in doc[max(0, start - INTEREST_REACH) : start]]
        after = " ".join(t.lower_ for t in doc[end : end + 2 * INTEREST_REACH])
        return (
            any(w in self.study_cues or w in _INTEREST_CUES for w in before)
            or self._whole_answer(doc, start, end)
            or bool(_TAKEN_UP_AFTER.search(after))  # "a nurse and that's what I want to do"
        )

    def _acronym_word(self, word: str) -> bool:
        """An acronym that is also a word, in any form ("sent" is "send")."""
        forms = {word, *terms(word)}
        return any(f in self.acronyms for f in forms) and word not in self.ambiguous

    def _only_a_name(self, word: str) -> bool:
        """A word that is no everyday word, in any form ("sent" is "send", an acronym)."""
        forms = {word, *terms(word)}
        return not any(f in self.acronyms or f in self.ambiguous for f in forms)

    def studying_word(self, word: str) -> bool:
        """A word about studying or working in general, in any form ("apprentiship")."""
        forms = terms(word)
        return word in self.education_words or (
            bool(forms) and all(f in self.education_words for f in forms)
        )

    def about_studying(self, words: Sequence[str]) -> bool:
        """The words name studying or working in general ("uni", "career change")."""
        return bool(words) and all(w in self.education_words for w in words)

    def _acronym(self, token: Token) -> bool:
        return token.lower_ in self.acronyms and token.text.isupper() and len(token.text) > 1

    def _in_idiom(self, doc: Doc, start: int, end: int) -> bool:
        text = doc.text.lower()
        first, last = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
        return any(
            m.start() < last and first < m.end() for p in self.idioms for m in p.finditer(text)
        )

    def _before(self, doc: Doc, start: int) -> list:
        return [t.lower_ for t in doc[max(0, start - REACH) : start]]

    def _negated(self, doc: Doc, start: int) -> bool:
        return any(w in self.negations for w in self._before(doc, start))

    def _study_context(self, doc: Doc, start: int) -> bool:
        return any(w in self.study_cues for w in self._before(doc, start))

    def _beside_course(self, doc: Doc, start: int, end: int) -> bool:
        before = doc[start - 1].lower_ if start > 0 else ""
        after = doc[end].lower_ if end < len(doc) else ""
        if after in _JOINERS:
            # "art and design" joins two names; "I have applied and I am waiting" does not
            following = doc[end + 1].lower_ if end + 1 < len(doc) else ""
            after = after if following and following not in self.function_words else ""
        return (
            after in self.course_nouns
            or (before in self.course_nouns and before not in _JOINERS)
            or before.isdigit()
            or (before in {"l1", "l2", "l3", "l4", "l5", "l6", "l7"})
        )

    def _whole_answer(self, doc: Doc, start: int, end: int) -> bool:
        """The span is all the message says ("art", "sport please", "um music")."""
        rest = [t for t in [*doc[:start], *doc[end:]] if t.is_alpha]
        return all(t.lower_ in _ANSWER_WORDS for t in rest)


def _ordinary(token: Token) -> bool:
    """A lower-case word of the dictionary ("marches", "reading"), not a name as typed."""
    from pathways_catalogue.resolve import is_dictionary_word

    return token.text.islower() and is_dictionary_word(token.lower_)


#: the words around a one-word answer ("um, I'd like art please")
_ANSWER_WORDS = frozenset(
    """i im i'm id i'd d like love want wanna to do doing the a an my please pls plz um erm
    hmm maybe probably prob lol ok okay yeah yes so well think guess just really into and
    something with in study studying thanks ta""".split()
)
#: course nouns that join two names ("art and design") and so count only after a name
_JOINERS = frozenset({"and"})
#: words after an interest that make it the learner's own ("my nan was a nurse and i think
#: that's what i want to do")
_TAKEN_UP_AFTER = re.compile(
    r"\b(?:that|which|it)(?: ?'? ?s| is)? (?:what|who) i (?:really |actually )?"
    r"(?:want|wanna|would like|'d like)\b"
)
#: words before an interest that say the learner likes it
_INTEREST_CUES = frozenset(
    """with like around about involving outdoors helping help making make fixing fix
    building build working work dream hobby hobbies""".split()
)
#: words before a town or college name that make an everyday word a place ("in Reading")
_LOCATIVES = frozenset("in near at from around to by outside nearby".split())


@lru_cache(maxsize=1)
def everyday_words() -> EverydayWords:
    """The shipped table (read once)."""
    return EverydayWords.load()


def about_studying(word: str) -> bool:
    """A word about studying or working in general, in any form ("work", "apprentiship")."""
    return everyday_words().studying_word(word)
