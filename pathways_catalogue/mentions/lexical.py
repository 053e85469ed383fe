"""Finding entities in a message by rule, by exact name and in word windows.

:class:`LexicalFinder` reads the text itself, with the spaCy matchers of
:mod:`pathways_catalogue.mentions.matcher`; what other extractors tagged is the job of
:mod:`pathways_catalogue.mentions.guided`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Optional, Set, Tuple

from pathways_catalogue.mentions.everyday import about_studying
from pathways_catalogue.mentions.merging import Found, choose
from pathways_catalogue.mentions.resolution import SpanResolver, entity_info
from pathways_catalogue.mentions.rules import (
    NUMBER_WORDS,
    ORDINALS,
    TIME_NOUNS,
    mode_of,
    ordinal_of,
)
from pathways_catalogue.mentions.spans import (
    COURSE_LINKS,
    INSTITUTION_NOUNS,
    is_edge_word,
    looks_like_place,
    split_on_and,
    trim,
    windows,
)
from pathways_catalogue.resolve import QUALIFICATION_ONLY, Gazetteer, NameMatch

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import Matcher, PhraseMatcher
    from spacy.tokens import Doc


def _second_level(doc: Doc, at: int) -> Optional[int]:
    """The level in "level 2 and 3" after the first one (``at`` is where it ends)."""
    if at + 1 >= len(doc) or doc[at].lower_ not in ("and", "&", "or", "/", "then"):
        return None
    word = doc[at + 1].text
    return int(word) if word.isdigit() and 1 <= int(word) <= 8 else None


#: words between "and" and the course that follows it ("and only a level 2 btec")
_FILLERS = frozenset({"only", "just", "also", "then", "now", "currently", "recently"})


class LexicalFinder:
    """Rules, places, courses and topics found in the text itself (no other extractor)."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        config: Dict[str, Any],
        nlp: Language,
        phrases: PhraseMatcher,
        rules: Matcher,
        resolver: SpanResolver,
    ) -> None:
        self._gazetteer = gazetteer
        self._config = config
        self._nlp = nlp
        self._phrases = phrases
        self._rules = rules
        self._resolver = resolver

    def rule_entities(self, doc: Doc) -> List[Found]:
        """Levels, grades, modes and ordinals ("the second one", not "second year")."""
        from spacy.util import filter_spans

        spans = filter_spans(list(self._rules(doc, as_spans=True)))
        out = []
        for span in spans:
            info: Optional[Dict[str, Any]] = None
            if span.label_ == "ordinal":
                # "option 3" -> "3", "the top one" -> "top"
                at = [t.i for t in span if t.lower_ in ORDINALS]
                at = [i for i in at if doc[i].lower_ not in NUMBER_WORDS] or at
                after = doc[span.end].lower_ if span.end < len(doc) else ""
                index = ordinal_of(doc[at[-1]].text) if at else None
                if index is not None and after not in TIME_NOUNS:
                    out.append(Found("ordinal", at[-1], at[-1] + 1, {"index": index}))
                continue
            if span.label_ == "level":
                level = self._gazetteer.level_of(span.text.replace("-", " "))
                info = {"level": level} if level else None
                second = _second_level(doc, span.end)
                if level and second is not None:  # "level 2 and 3": level 3 as well
                    out.append(Found("level", span.end + 1, span.end + 2, {"level": second}))
            elif span.label_ == "mode":
                mode = mode_of(span.text)
                info = {"mode": mode} if mode else None
            out.append(Found(span.label_, span.start, span.end, info))
        return out

    def _phrase_matches(self, doc: Doc) -> Dict[str, List[Tuple[int, int]]]:
        out: Dict[str, List[Tuple[int, int]]] = {}
        for match_id, start, end in self._phrases(doc):
            out.setdefault(self._nlp.vocab.strings[match_id], []).append((start, end))
        return out

    def places(self, doc: Doc, found: List[Found]) -> Optional[str]:
        """Add institutions and towns (exact or misspelt) to ``found``; return a college."""
        exact = self._phrase_matches(doc)
        places: List[Found] = []
        for label in ("institution", "town"):
            for start, end in exact.get(label, []):
                text = doc[start:end].text
                match = (self._gazetteer.resolve_institution(text) if label == "institution"
                         else self._gazetteer.resolve_town(text))  # fmt: skip
                if match is not None and (label != "town" or looks_like_place(doc, start)):
                    info = entity_info(match, "town")
                    places.append(Found(label, start, end, info, score=match.score))
        places = choose(places)
        taken = {i for f in [*found, *places] for i in range(f.start, f.end)}
        for start, end in windows(doc, taken, self._config["max_window"]):
            if any(i in taken for i in range(start, end)):
                continue
            text = doc[start:end].text
            least = self._config["min_place_score"]
            inst = self._gazetteer.resolve_institution(text, whole=True)
            if inst is not None and inst.score >= least:
                places.append(Found("institution", start, end, entity_info(inst), score=inst.score))
                taken.update(range(start, end))
                continue
            town = self._gazetteer.resolve_town(text, whole=True)
            if town is not None and town.score >= least and looks_like_place(doc, start):
                found_town = Found("town", start, end, entity_info(town, "town"), score=town.score)
                places.append(found_town)
                taken.update(range(start, end))
        for place in places:
            if place.entity == "institution":
                while place.end < len(doc) and doc[place.end].lower_ in INSTITUTION_NOUNS:
                    place.end += 1
        found.extend(places)
        names = [f for f in places if f.entity == "institution"]
        return doc[names[0].start : names[0].end].text if names else None

    def courses(
        self, doc: Doc, found: List[Found], institution: Optional[str]
    ) -> List[Found]:
        """Course mentions: runs of course words around a qualification word or level."""
        exact = self._phrase_matches(doc)
        quals = {i for s, e in exact.get("qual", []) for i in range(s, e)}
        levels = {i for f in found if f.entity == "level" for i in range(f.start, f.end)}
        blocked = {
            i for f in found if f.entity in ("institution", "town", "grade")
            for i in range(f.start, f.end)
        } | {
            i for f in found if f.entity == "mode"
            for i in range(f.start, f.end) if i not in quals
        }  # fmt: skip  ("early years part time": a mode ends a course, "apprenticeship" names one)
        roles: List[Optional[str]] = []
        title = False  # inside "<qualification> in ...": the rest of a title
        for i, token in enumerate(doc):
            before = roles[-1] if roles else None
            if before == "link" and i >= 2 and doc[i - 1].lower_ in ("in", "of"):
                before = roles[-2]  # "diploma in IT"
                title = title or before in ("qual", "level")
            elif before in ("qual", "level"):
                title = True  # "btec level 3 travel and tourism"
            # "early years", "social work": this word and the one before name a course
            pair = before == "content" and self._gazetteer.is_course_pair(
                doc[i - 1].text, token.text
            )
            if i in blocked:
                role = None
            elif i in levels:
                role = "level"
            elif i in quals:
                role = "qual"
            elif token.lower_ in COURSE_LINKS:
                role = "link"
            elif not pair and about_studying(token.lower_):
                role = None  # "the apprenticeship work", "level 3 learning": no course name
            elif self._gazetteer.is_course_word(token.text, before in ("qual", "level")):
                role = "content"
            elif before == "content" and token.is_alpha and (
                pair
                or (not is_edge_word(token.lower_)
                    and self._gazetteer.is_course_word(doc[i - 1 : i + 1].text, False))
            ):
                role = "content"  # a word that names a course only after another
            elif title and token.is_alpha and not is_edge_word(token.lower_):
                # words of a qualification's title the catalogue does not know
                # ("Diploma in Forensic and Criminal Investigation")
                role = "content"
            else:
                role = None
            if role is None or token.is_punct:
                title = False
            roles.append(role)
        spans: List[Tuple[int, int]] = []
        alone: List[Tuple[int, int]] = []
        i = 0
        while i < len(doc):
            if roles[i] is None:
                i += 1
                continue
            j = i
            while j < len(doc) and roles[j] is not None:
                j += 1
            run = roles[i:j]
            if "content" in run and ("qual" in run or "level" in run):
                spans.append((i, j))
            elif "qual" in run:
                alone.append((i, j))  # "the HNC", "a foundation degree"
            i = j
        for start, end in exact.get("course", []):
            if not any(k in blocked for k in range(start, end)):
                spans.append((start, end))
        out: List[Found] = []
        all_levels = [f for f in found if f.entity == "level"]
        for start, end in spans:
            start = self._last_named(doc, start, end, roles)
            core = trim(doc, start, end, roles, levels)
            if core is None:
                continue
            # a level said as a bare number ("level 2 and 3 2330") reads as "level 3"
            context = " ".join(f"level {t.text}" if t.i in levels and t.text.isdigit() else t.text
                               for t in doc[start:end])  # fmt: skip
            if not any(start <= f.start < end for f in all_levels) and len(all_levels) == 1:
                context += " " + doc[all_levels[0].start : all_levels[0].end].text
            resolved = self._resolver.course(context, institution)
            if resolved is not None and resolved["score"] < self._resolver.least_course(resolved):
                resolved = self._one_of_several(doc, start, end, roles, institution) or resolved
            if resolved is None or resolved["score"] < self._resolver.least_course(resolved):
                titled = any(t.lower_ in ("in", "of") for t in doc[core[0] : core[1]])
                resolved = self._kind_and_level(doc[core[0] : core[1]].text) if titled else None
            if resolved is None:
                continue
            out.append(Found("course", core[0], core[1], resolved, score=resolved["score"]))
        out += self._qualifications_alone(doc, alone, roles, levels)
        return out

    @staticmethod
    def _last_named(doc: Doc, start: int, end: int, roles: List[Optional[str]]) -> int:
        """Where the last of several qualifications in a run starts.

        "no gcses and only a level 2 btec in IT": the run ends in a course of its own
        after "and"; what comes before it is another qualification.
        """
        named = {"qual", "level"}
        for k in range(end - 1, start, -1):
            if doc[k].lower_ in ("and", "or", "but", ",") and any(
                r in named for r in roles[k + 1 : end]
            ) and any(r in named for r in roles[start:k]):
                k += 1
                while k < end and (doc[k].lower_ in _FILLERS or is_edge_word(doc[k].lower_)):
                    k += 1
                return k
        return start

    def _kind_and_level(self, text: str) -> Optional[Dict[str, Any]]:
        """A titled course nobody here teaches, known by the level its kind implies.

        "an access to HE diploma in humanities": level 3, whatever the subject.
        """
        level = self._gazetteer.parse_level(text)
        if level is None or not self._gazetteer.qualification_families(text):
            return None
        return {"course_id": None, "title": text, "institution": None, "level": level,
                "subject": None, "score": QUALIFICATION_ONLY, "source": "gazetteer",
                "institution_id": None, "network": None, "alternatives": []}  # fmt: skip

    def _one_of_several(
        self,
        doc: Doc,
        start: int,
        end: int,
        roles: List[Optional[str]],
        institution: Optional[str],
    ) -> Optional[Dict[str, Any]]:
        """The best of "A levels in biology and chemistry" read as one course per subject."""
        link = next((i for i in range(start, end) if doc[i].lower_ in ("in", "of")
                     and any(r in ("qual", "level") for r in roles[start:i])), None)  # fmt: skip
        if link is None:
            return None
        head = doc[start : link + 1].text
        parts = split_on_and(doc, link + 1, end)
        if len(parts) < 2:
            return None
        found = [self._resolver.course(f"{head} {doc[s:e].text}", institution) for s, e in parts]
        ranked = sorted((r for r in found if r is not None), key=lambda r: -float(r["score"]))
        return ranked[0] if ranked else None

    def _qualifications_alone(
        self,
        doc: Doc,
        spans: List[Tuple[int, int]],
        roles: List[Optional[str]],
        levels: Set[int],
    ) -> List[Found]:
        """Kinds of qualification named on their own ("the HNC"), when they imply a level.

        They name no course, so they carry no catalogue id: the dialogue finds the
        course meant among the learner's routes.
        """
        out = []
        for start, end in spans:
            start = self._last_named(doc, start, end, roles)
            core = trim(doc, start, end, roles, levels)
            if core is None:
                continue
            resolved = self._resolver.course(doc[core[0] : core[1]].text, None)
            if resolved is not None and resolved["course_id"] is None and resolved["level"]:
                out.append(Found("course", core[0], core[1], resolved, score=resolved["score"]))
        return out

    def topics(
        self, doc: Doc, taken_by: List[Found], as_interest: bool = False
    ) -> List[Found]:
        """Subjects and interests (exact, or in a window of words) not already taken.

        With ``as_interest`` (the learner is saying what they like) a subject name is
        tagged as an interest.
        """
        exact = self._phrase_matches(doc)
        taken = {i for f in taken_by for i in range(f.start, f.end)}
        # a topic never holds a kind of qualification ("c&g animal management" is a course)
        taken |= {i for s, e in exact.get("qual", []) for i in range(s, e)}
        out: List[Found] = []
        candidates = [
            (s, e) for label in ("subject", "interest") for s, e in exact.get(label, [])
        ] + list(windows(doc, taken, self._config["max_window"]))
        candidates.sort(key=lambda se: (-(se[1] - se[0]), se[0]))
        for start, end in candidates:
            if any(i in taken for i in range(start, end)):
                continue
            text = doc[start:end].text
            subject = self._gazetteer.resolve_subject(text, names_only=True)
            if subject is not None and subject.score >= self._config["min_topic_score"]:
                if as_interest:
                    keyword = NameMatch(subject.name.lower(), subject.score)
                    out.append(Found("interest", start, end, entity_info(keyword, "keyword")))
                else:
                    out.append(Found("subject", start, end, entity_info(subject, "subject")))
                taken.update(range(start, end))
                continue
            interest = self._gazetteer.resolve_interest(text, strict=True)
            if interest is not None and interest.score >= self._config["min_topic_score"]:
                out.append(Found("interest", start, end, entity_info(interest, "keyword")))
                taken.update(range(start, end))
        return out
