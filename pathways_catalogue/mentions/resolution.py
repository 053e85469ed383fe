"""Resolving a span of a message against the catalogue, by entity type.

:class:`SpanResolver` is shared by the finders: the lexical finder resolves the course
mentions it finds, the guided finder the spans other extractors tagged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Optional

from pathways_catalogue.mentions.merging import Found
from pathways_catalogue.resolve import Gazetteer, NameMatch

if TYPE_CHECKING:
    from spacy.tokens import Doc


#: how many tokens away a level may be and still belong to a course span
NEAR_LEVEL = 2


def entity_info(match: Any, key: str = "") -> Dict[str, Any]:
    """The ``additional_info`` of an institution, town, subject or interest match."""
    if isinstance(match, NameMatch):
        return {key: match.name, "score": match.score}
    info: Dict[str, Any] = match.to_dict()
    return info


class SpanResolver:
    """Courses, places, subjects and interests a span names, with the config's thresholds."""

    def __init__(self, gazetteer: Gazetteer, config: Dict[str, Any]) -> None:
        self._gazetteer = gazetteer
        self._config = config

    def course(self, text: str, institution: Optional[str]) -> Optional[Dict[str, Any]]:
        """The best course ``text`` names, with the next candidates as ``alternatives``."""
        limit = 1 + int(self._config["alternatives"])
        candidates = self._gazetteer.resolve_course(text, institution=institution, limit=limit)
        if not candidates:
            return None
        best = candidates[0].to_dict()
        best["alternatives"] = [c.to_dict() for c in candidates[1:]]
        return best

    def least_course(self, resolved: Dict[str, Any]) -> float:
        """The score a course this component found alone needs, by source."""
        if resolved["source"] == "catalogue":
            return float(self._config["min_course_score"])
        return float(self._config["min_gazetteer_score"])

    def resolve(
        self,
        kind: str,
        text: str,
        levels: List[Found],
        doc: Doc,
        start: int,
        end: int,
        institution: Optional[str],
    ) -> Optional[Found]:
        """The span ``doc[start:end]`` (``text``) resolved as a ``kind``, if good enough.

        A course span takes a level right next to it as context.
        """
        gazetteer, config = self._gazetteer, self._config
        if gazetteer.is_ambiguous(text):
            return None  # "it" in "what can I do after it" is not IT
        if kind in ("subject", "interest") and gazetteer.names_only_qualification(text):
            kind = "course"
        elif kind in ("subject", "interest") and gazetteer.names_qualification(text):
            # "ocr applied science": a kind of qualification and a subject is a course
            as_course = self.resolve("course", text, levels, doc, start, end, institution)
            if as_course is not None:
                return as_course
        if kind == "course":
            # a level right next to the span ("level 3 [bricklaying]", "[plumbing] lvl 2")
            near = [f for f in levels if start - NEAR_LEVEL <= f.end <= start
                    or end <= f.start <= end + NEAR_LEVEL]  # fmt: skip
            context = text + "".join(" " + doc[f.start : f.end].text for f in near[:1])
            resolved = self.course(context, institution)
            if resolved is None:
                return None
            marked = bool(near) or gazetteer.names_qualification(text)
            least = (
                config["min_guided_course_score"] if marked else self.least_course(resolved)
            )
            if marked or resolved["source"] == "catalogue":
                if resolved["score"] >= least:
                    return Found(kind, start, end, resolved, guided=True, score=resolved["score"])
            return None
        match: Optional[Any]
        key = {"town": "town", "subject": "subject", "interest": "keyword"}.get(kind, "")
        if kind == "institution":
            match = gazetteer.resolve_institution(text)
            least = config["min_place_score"]
        elif kind == "town":
            match = gazetteer.resolve_town(text)
            least = config["min_place_score"]
        elif kind == "subject":
            match = gazetteer.resolve_subject(text)
            least = 0.6
        else:
            match = gazetteer.resolve_interest(text)
            if match is None:
                ranked = gazetteer.match_interests(text, limit=1)
                match = NameMatch(*ranked[0]) if ranked else None
            least = config["min_topic_score"]
        if match is None or match.score < least:
            return None
        return Found(kind, start, end, entity_info(match, key), guided=True, score=match.score)
