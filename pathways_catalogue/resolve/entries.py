"""Courses analysed for scoring: their names, generated short forms and vocabulary."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Dict, FrozenSet, Iterable, List, Optional, Set

from pathways_catalogue.resolve.analysis import Tok
from pathways_catalogue.resolve.places import Places
from pathways_catalogue.resolve.shorthand import AWARDING_BODY, TOKEN_RE, clean


@dataclass
class CourseEntry:
    """A course or Ofqual title, analysed for scoring."""

    index: int
    terms: FrozenSet[str]
    names: List[FrozenSet[str]]
    quals: FrozenSet[str]
    keys: FrozenSet[str]
    level: Optional[int]
    #: keys of generated short forms (a little weaker than written names)
    short_keys: FrozenSet[str] = frozenset()
    #: words of the course's keywords (interests), weak evidence of its subject
    keyword_terms: FrozenSet[str] = frozenset()
    institution: Optional[str] = None
    town: Optional[str] = None


class CourseEntries(Places):
    """The words typos are corrected towards, and courses analysed for scoring."""

    def _build_vocabulary(self) -> None:
        """Words typos are corrected towards, most frequent first; and known words."""
        counts: Dict[str, int] = {}
        for course in self.courses:
            for part in [course["title"], course["subject"], *course["aliases"]]:
                for word in TOKEN_RE.findall(clean(part)):
                    counts[word] = counts.get(word, 0) + 1
            for part in course["keywords"]:
                for word in TOKEN_RE.findall(clean(part)):
                    counts[word] = counts.get(word, 0) + 1
        for place in [*self._institutions, *self._towns]:
            for words, _score in place.phrases:
                for word in words:
                    counts[word] = counts.get(word, 0) + 1
        for word in self._shorthand.words:
            counts[word] = counts.get(word, 0) + 1
        self._vocabulary = sorted(
            (w for w in counts if len(w) >= 3 and w.isalpha()), key=lambda w: (-counts[w], w)
        )
        self._known = frozenset(counts)
        self._secondary: Optional[List[str]] = None

    def _course_entry(self, index: int, course: Dict[str, Any]) -> CourseEntry:
        names = [course["title"], *course["aliases"], *self._short_forms(course)]
        analyses = [self.analyse(n, correct=False) for n in names]
        written = 1 + len(course["aliases"])
        subject = self.analyse(course["subject"], correct=False)
        qualification = self.analyse(course["qualification"], correct=False)
        terms: Set[str] = set()
        quals: Set[str] = set()
        for analysis in [*analyses[:written], subject]:
            terms.update(t.text for t in analysis.content)
            terms.update(t.alt for t in analysis.content if t.alt)
        for analysis in [analyses[0], qualification]:
            quals.update(analysis.quals)
        return CourseEntry(
            index=index,
            terms=frozenset(terms),
            names=[frozenset(t.text for t in a.content) for a in analyses],
            quals=self._close(quals),
            keys=frozenset(a.key for a in analyses[:written] if a.key),
            short_keys=frozenset(a.key for a in analyses[written:] if a.key),
            keyword_terms=frozenset(
                t.text
                for keyword in course["keywords"]
                for t in self.analyse(keyword, places=False, correct=False).content
            ),
            level=int(course["level"]),
            institution=course["institution_id"],
            town=(course["town"] or "").lower() or None,
        )

    def _close(self, quals: Iterable[str]) -> FrozenSet[str]:
        closure = self._shorthand.qual_closure
        out: Set[str] = set()
        for qual in quals:
            out.update(closure.get(qual, {qual}))
        return frozenset(out)

    def subject_phrase(self, title: str) -> str:
        """A title without its awarding body, qualification and level words."""
        toks = self.analyse(re.sub(r"[()]", " ", title), places=False, correct=False).toks
        # the run of words between qualification and level words with most content
        runs: List[List[Tok]] = [[]]
        for tok in toks:
            if tok.kind in ("qual", "level"):
                runs.append([])
            else:
                runs[-1].append(tok)
        best = max(reversed(runs), key=lambda run: sum(t.kind == "word" for t in run))
        while best and best[0].kind != "word":
            best = best[1:]
        while best and best[-1].kind != "word":
            best = best[:-1]
        return " ".join(t.surface for t in best if t.surface)

    def _short_forms(self, course: Dict[str, Any]) -> List[str]:
        """Generated names: "ext dip engineering", "L3 engineering", "btec engineering"."""
        phrase = self.subject_phrase(course["title"])
        if not phrase or len(phrase.split()) > 4:
            return []
        level = course["level"]
        forms = [f"level {level} {phrase}", f"l{level} {phrase}", f"{phrase} level {level}"]
        quals = self._close(
            self.analyse(course["title"], correct=False).quals
            | self.analyse(course["qualification"], correct=False).quals
        )
        for family in sorted(quals):
            if family.startswith(AWARDING_BODY) or family in ("diploma", "certificate", "award"):
                continue
            if family == "apprenticeship":
                forms.append(f"{phrase} apprenticeship")
            else:
                forms.append(f"{family} {phrase}")
        return forms
