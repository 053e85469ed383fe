"""Building the spaCy pipeline and matchers from a gazetteer (spaCy is imported lazily)."""

from __future__ import annotations

from typing import TYPE_CHECKING, List, Sequence, Tuple

from pathways_catalogue.mentions.rules import rule_patterns

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.matcher import Matcher, PhraseMatcher

    from pathways_catalogue.resolve import Gazetteer


def build_matchers(gazetteer: Gazetteer) -> Tuple[Language, PhraseMatcher, Matcher]:
    """The blank English pipeline, the phrase matcher of ``gazetteer``'s names and the rules.

    Args:
        gazetteer: the names to match exactly (``attr="LOWER"``), by entity type, plus
            the qualification words under the label "qual".

    Returns:
        The pipeline, the ``PhraseMatcher`` and the ``Matcher`` of :mod:`.rules`.

    """
    import spacy
    from spacy.matcher import Matcher, PhraseMatcher

    nlp = spacy.blank("en")
    phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
    for label, names in gazetteer.phrases().items():
        if names:
            phrases.add(label, [nlp.make_doc(name) for name in _variants(names)])
    quals = gazetteer.qualification_phrases()
    quals += [q.replace(" ", "-") for q in quals if " " in q]
    quals = _variants(quals)
    phrases.add("qual", [nlp.make_doc(q) for q in quals])
    rules = Matcher(nlp.vocab)
    for label, patterns in rule_patterns().items():
        rules.add(label, patterns)
    return nlp, phrases, rules


def _variants(phrases: Sequence[str]) -> List[str]:
    """Phrases, plus the same with "&" for "and" ("city & guilds", "c&g")."""
    out = list(phrases)
    out += [p.replace(" and ", " & ") for p in phrases if " and " in p]
    # initials joined by "&" are one token ("c&g", "h&sc")
    out += [p.replace(" and ", "&") for p in phrases
            if " and " in p and all(len(w) <= 2 for w in p.split(" and "))]  # fmt: skip
    return out
