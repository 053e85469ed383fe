"""Institutions and towns: the names they go by, and finding them in text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence, Tuple

from rapidfuzz import fuzz, process

from pathways_catalogue.resolve.analysis import Analyser
from pathways_catalogue.resolve.candidates import InstitutionMatch, NameMatch
from pathways_catalogue.resolve.shorthand import TOKEN_RE, clean, dictionary_words


@dataclass
class Place:
    """An institution or a town, with the word sequences that name it."""

    key: str
    name: str
    network: Optional[str]
    phrases: List[Tuple[Tuple[str, ...], float]] = field(default_factory=list)


class Places(Analyser):
    """Institution names, short names and acronyms, and towns, of a gazetteer."""

    courses: List[Dict[str, Any]]
    institutions: List[Dict[str, Any]]
    _towns: List[Place]
    _institutions: List[Place]

    def _build_places(self) -> None:
        """Institution names, short names and acronyms; towns."""
        sh = self._shorthand
        towns: Dict[str, Place] = {}
        for record in [*self.institutions, *({"town": c["town"]} for c in self.courses)]:
            town = (record.get("town") or "").strip()
            if town and town.lower() not in towns:
                words = tuple(TOKEN_RE.findall(clean(town)))
                towns[town.lower()] = Place(town, town, record.get("network"), [(words, 1.0)])
        self._towns = list(towns.values())
        town_words = {p.phrases[0][0] for p in self._towns}
        self._institutions: List[Place] = []
        for record in self.institutions:
            words = tuple(TOKEN_RE.findall(clean(record["name"])))
            place = Place(record["institution_id"], record["name"], record["network"])
            place.phrases.append((words, 1.0))
            short = tuple(w for w in words if w not in sh.institution_words)
            if short and short != words and len("".join(short)) >= 4 and short not in town_words:
                place.phrases.append((short, 0.95))
            significant = [w for w in words if w not in ("of", "the", "and")]
            acronym = "".join(w[0] for w in significant)
            if len(significant) >= 3 and acronym not in dictionary_words():
                place.phrases.append(((acronym,), 0.9))
            code = tuple(TOKEN_RE.findall(clean(record["institution_id"])))
            if code and code not in (words, short) and len("".join(code)) >= 4:
                place.phrases.append((code, 0.9))
            self._institutions.append(place)
        self._place_index: Dict[Tuple[str, ...], Tuple[str, Place, float]] = {}
        for town in self._towns:
            for words, score in town.phrases:
                self._place_index.setdefault(words, ("town", town, score))
        for inst in self._institutions:
            for words, score in inst.phrases:
                current = self._place_index.get(words)
                if current is None or (current[0] == "inst" and current[2] < score):
                    self._place_index[words] = ("inst", inst, score)
        self._max_place = max((len(w) for w in self._place_index), default=1)

    def _resolve_place(
        self, text: str, places: Sequence[Place], kind: str, whole: bool
    ) -> Optional[Tuple[Place, float]]:
        analysis = self.analyse(text)
        named = [t for t in analysis.toks if t.kind == kind]
        if named and (not whole or len(analysis.toks) == 1):
            tok = named[0]
            target = next(p for p in places if p.key == tok.text)
            base = max(
                (s for words, s in target.phrases if self._place_index.get(words, ("",))[0]
                 == kind), default=0.9,
            )  # fmt: skip
            return target, round(base * tok.weight, 4)
        cleaned = " ".join(TOKEN_RE.findall(clean(text)))
        if len(cleaned) < 5 or (whole and any(t.kind in ("inst", "town") for t in analysis.toks)):
            return None
        choices = {" ".join(words): place for place in places for words, _ in place.phrases}
        found = process.extractOne(cleaned, list(choices), scorer=fuzz.ratio, score_cutoff=85)
        if found is None:
            return None
        return choices[found[0]], round(found[1] / 100 * 0.9, 4)

    def resolve_institution(self, text: str, whole: bool = False) -> Optional[InstitutionMatch]:
        """The institution ``text`` names: full name, short name ("northgate"), typo.

        With ``whole``, only if all of ``text`` is the name (for scanning windows).
        """
        found = self._resolve_place(text, self._institutions, "inst", whole)
        if found is None:
            return None
        place, score = found
        return InstitutionMatch(place.key, place.name, score, place.network)

    def resolve_town(self, text: str, whole: bool = False) -> Optional[NameMatch]:
        """The catalogue town ``text`` names (towns of the institutions and courses)."""
        found = self._resolve_place(text, self._towns, "town", whole)
        if found is None:
            return None
        return NameMatch(found[0].name, found[1])
