"""The text pipeline: typo correction, shorthand, levels, places, lemmas and phrases.

:class:`Analyser` runs learner text and catalogue names alike through the steps of the
:mod:`pathways_catalogue.resolve` docstring and returns an
:class:`~pathways_catalogue.resolve.analysis.Analysis`. It is given what it reads
against: the shorthand of ``abbreviations.yml``, the catalogue's vocabulary (typo
correction) and its places (names set apart).
"""

from __future__ import annotations

import re
from typing import List, Optional, Tuple

from pathways_catalogue.resolve.analysis import Analysis, Tok
from pathways_catalogue.resolve.levels import LEVEL_TOKEN_RE, LEVEL_WORDS, NUMBERED
from pathways_catalogue.resolve.places import Places
from pathways_catalogue.resolve.shorthand import FILLER_WORDS, Shorthand, tokens
from pathways_catalogue.resolve.vocabulary import CORRECTION_WEIGHT, Vocabulary
from pathways_catalogue.text import STOP_WORDS, lemma


class Analyser:
    """The pipeline, over a shorthand, a vocabulary and a place index."""

    def __init__(self, shorthand: Shorthand, vocabulary: Vocabulary, places: Places) -> None:
        self.shorthand = shorthand
        self.vocabulary = vocabulary
        self.places = places

    def analyse(
        self, text: str, places: bool = True, strict: bool = False, correct: bool = True
    ) -> Analysis:
        """Run ``text`` through the pipeline of the package docstring.

        Args:
            text: any text.
            places: set institution and town names apart (else they are content).
            strict: read everyday words that are also shorthand ("it") as shorthand
                only when written in capitals or after a qualification word.
            correct: correct typos (learner text); catalogue names need not.

        """
        sh = self.shorthand
        raw = tokens(text)
        capitals = {w.lower() for w in re.findall(r"\b[A-Z]{2,}\b", text)}
        words: List[Tuple[str, float]] = []
        for word in raw:
            fixed, edits = self.vocabulary.correct(word) if correct else (word, 0)
            words.append((fixed, CORRECTION_WEIGHT.get(edits, 0.8)))
        # shorthand expansion, longest first
        expanded: List[Tuple[str, float]] = []
        i = 0
        while i < len(words):
            for size in range(min(sh.max_phrase, len(words) - i), 0, -1):
                key = tuple(w for w, _ in words[i : i + size])
                value = sh.expansions.get(key)
                if value is None or tuple(w for w, _ in words[i : i + len(value)]) == value:
                    continue
                if strict and size == 1 and key[0] in sh.ambiguous and key[0] not in capitals:
                    before = expanded[-1][0] if expanded else ""
                    if before not in sh.qual_single and not LEVEL_TOKEN_RE.match(before):
                        continue
                weight = min(w for _, w in words[i : i + size])
                expanded.extend((v, weight) for v in value)
                i += size
                break
            else:
                expanded.append(words[i])
                i += 1
        plain = [w for w, _ in expanded]
        toks: List[Tok] = []
        i = 0
        while i < len(expanded):
            word, weight = expanded[i]
            nxt = expanded[i + 1][0] if i + 1 < len(expanded) else ""
            found = LEVEL_TOKEN_RE.match(word)
            if found:
                toks.append(Tok(found.group(1), "level", weight))
                i += 1
                continue
            if word in NUMBERED and nxt.isdigit() and len(nxt) == 1 and nxt != "0":
                toks.extend([Tok(word, "raw", weight), Tok(nxt, "level", weight)])
                i += 2
                continue
            if word in LEVEL_WORDS and (nxt in sh.numbers or (nxt.isdigit() and len(nxt) == 1)):
                number = sh.numbers.get(nxt) or int(nxt)
                if 1 <= number <= 8:
                    toks.append(Tok(str(number), "level", weight))
                    i += 2
                    continue
            if places:
                place = self.places.at(plain, i)
                if place is not None:
                    kind, target, size = place
                    toks.append(Tok(target.key, kind, weight))
                    i += size
                    continue
            toks.append(Tok(word, "raw", weight))
            i += 1
        return Analysis(tuple(self._phrases(toks)))

    def _phrases(self, toks: List[Tok]) -> List[Tok]:
        """Lemmatise raw words, then read qualification families and synonyms."""
        sh = self.shorthand
        lemmas = [lemma(t.text) if t.kind == "raw" else "" for t in toks]
        out: List[Tok] = []
        i = 0
        limit = sh.max_phrase
        while i < len(toks):
            tok = toks[i]
            if tok.kind != "raw":
                out.append(tok)
                i += 1
                continue
            for size in range(min(limit, len(toks) - i), 0, -1):
                span = toks[i : i + size]
                if any(t.kind != "raw" for t in span):
                    continue
                hit = sh.phrases.get(tuple(lemmas[i : i + size]))
                if hit is None:
                    continue
                kind, value = hit
                weight = min(t.weight for t in span)
                words = " ".join(t.text for t in span)
                if kind == "qual":
                    out.append(Tok(value, "qual", weight, surface=words))
                else:
                    alt = " ".join(lemmas[i : i + size])
                    out.append(Tok(value, "word", weight, alt, surface=words))
                i += size
                break
            else:
                word = lemmas[i]
                stop = tok.text in STOP_WORDS or word in STOP_WORDS or tok.text in FILLER_WORDS
                kind = "stop" if stop or tok.text.isdigit() else "word"
                out.append(Tok(word, kind, tok.weight, surface=tok.text))
                i += 1
        return out

    def implied_level(self, analysis: Analysis) -> Optional[int]:
        """The level ``analysis`` names, else the highest its qualifications imply."""
        if analysis.levels:
            return analysis.levels[0]
        levels = self.shorthand.qual_levels
        implied = [levels[q] for q in analysis.quals if q in levels]
        return max(implied) if implied else None

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
