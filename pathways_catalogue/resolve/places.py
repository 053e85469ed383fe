"""Institutions and towns: the word sequences that name them, and finding them.

:class:`Places` is built from the catalogue's records alone. The analyser looks names
up in it word by word (:meth:`Places.at`); :meth:`Places.institution` and
:meth:`Places.town` answer for a text the analyser has read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Tuple

from rapidfuzz import fuzz, process

from pathways_catalogue.resolve.analysis import Analysis
from pathways_catalogue.resolve.candidates import InstitutionMatch, NameMatch
from pathways_catalogue.resolve.shorthand import Shorthand, dictionary_words, tokens


@dataclass
class Place:
    """An institution or a town, with the word sequences that name it."""

    key: str
    name: str
    network: Optional[str]
    phrases: List[Tuple[Tuple[str, ...], float]] = field(default_factory=list)


#: what the index holds for a word sequence: ("inst" or "town", the place, its score)
IndexEntry = Tuple[str, Place, float]

class Places:
    """Institution names, short names and acronyms, and towns, of a catalogue."""

    def __init__(
        self,
        institutions: Sequence[Dict[str, Any]],
        courses: Sequence[Dict[str, Any]],
        shorthand: Shorthand,
    ) -> None:
        towns: Dict[str, Place] = {}
        for record in [*institutions, *({"town": c["town"]} for c in courses)]:
            town = (record.get("town") or "").strip()
            if town and town.lower() not in towns:
                words = tuple(tokens(town))
                towns[town.lower()] = Place(town, town, record.get("network"), [(words, 1.0)])
        #: the towns of the institutions and courses
        self.towns: List[Place] = list(towns.values())
        town_words = {p.phrases[0][0] for p in self.towns}
        #: the institutions, with their short names, acronyms and codes
        self.institutions: List[Place] = []
        for record in institutions:
            words = tuple(tokens(record["name"]))
            place = Place(record["institution_id"], record["name"], record["network"])
            place.phrases.append((words, 1.0))
            short = tuple(w for w in words if w not in shorthand.institution_words)
            if short and short != words and len("".join(short)) >= 4 and short not in town_words:
                place.phrases.append((short, 0.95))
            significant = [w for w in words if w not in ("of", "the", "and")]
            acronym = "".join(w[0] for w in significant)
            if len(significant) >= 3 and acronym not in dictionary_words():
                place.phrases.append(((acronym,), 0.9))
            code = tuple(tokens(record["institution_id"]))
            if code and code not in (words, short) and len("".join(code)) >= 4:
                place.phrases.append((code, 0.9))
            if len(short) > 1 and len(short[0]) >= 4 and short[0] not in dictionary_words():
                place.phrases.append((short[:1], 0.9))  # "teme" for Teme Valley College
            self.institutions.append(place)
        # a first word that two institutions share, or a town's, names neither
        firsts: Dict[Tuple[str, ...], int] = {}
        for inst in self.institutions:
            for words, score in inst.phrases:
                if len(words) == 1 and score == 0.9:
                    firsts[words] = firsts.get(words, 0) + 1
        for inst in self.institutions:
            inst.phrases = [
                (words, score) for words, score in inst.phrases
                if not (len(words) == 1 and score == 0.9
                        and (firsts.get(words, 0) > 1 or words in town_words))
            ]  # fmt: skip
        self._index: Dict[Tuple[str, ...], IndexEntry] = {}
        for town_place in self.towns:
            for words, score in town_place.phrases:
                self._index.setdefault(words, ("town", town_place, score))
        for inst in self.institutions:
            for words, score in inst.phrases:
                current = self._index.get(words)
                if current is None or (current[0] == "inst" and current[2] < score):
                    self._index[words] = ("inst", inst, score)
        self._longest = max((len(w) for w in self._index), default=1)

    def at(self, words: Sequence[str], start: int) -> Optional[Tuple[str, Place, int]]:
        """The place named by the words from ``start`` (longest name first).

        Returns:
            ("inst" or "town", the place, how many words name it), or None.

        """
        for size in range(min(self._longest, len(words) - start), 0, -1):
            hit = self._index.get(tuple(words[start : start + size]))
            if hit is not None:
                return hit[0], hit[1], size
        return None

    def town_name(self, key: str) -> Optional[str]:
        """The name of the town with ``key`` (a "town" unit of an analysis)."""
        return next((p.name for p in self.towns if p.key == key), None)

    def institution(
        self, text: str, analysis: Analysis, whole: bool = False
    ) -> Optional[InstitutionMatch]:
        """The institution ``text`` (read as ``analysis``) names: full name, short name, typo.

        With ``whole``, only if all of ``text`` is the name (for scanning windows).
        """
        found = self._find(text, analysis, self.institutions, "inst", whole)
        if found is None:
            return None
        place, score = found
        return InstitutionMatch(place.key, place.name, score, place.network)

    def town(self, text: str, analysis: Analysis, whole: bool = False) -> Optional[NameMatch]:
        """The catalogue town ``text`` (read as ``analysis``) names."""
        found = self._find(text, analysis, self.towns, "town", whole)
        if found is None:
            return None
        return NameMatch(found[0].name, found[1])

    def _find(
        self, text: str, analysis: Analysis, places: Sequence[Place], kind: str, whole: bool
    ) -> Optional[Tuple[Place, float]]:
        named = [t for t in analysis.toks if t.kind == kind]
        if named and (not whole or len(analysis.toks) == 1):
            tok = named[0]
            target = next(p for p in places if p.key == tok.text)
            base = max(
                (s for words, s in target.phrases if self._index.get(words, ("",))[0] == kind),
                default=0.9,
            )
            return target, round(base * tok.weight, 4)
        cleaned = " ".join(tokens(text))
        if len(cleaned) < 5 or (whole and any(t.kind in ("inst", "town") for t in analysis.toks)):
            return None
        choices = {" ".join(words): place for place in places for words, _ in place.phrases}
        found = process.extractOne(cleaned, list(choices), scorer=fuzz.ratio, score_cutoff=85)
        if found is None:
            return None
        return choices[found[0]], round(found[1] / 100 * 0.9, 4)
