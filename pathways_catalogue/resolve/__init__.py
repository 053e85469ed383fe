"""Catalogue-grounded recognition of what learners type (no spaCy here).

A :class:`Gazetteer` holds what a catalogue knows by name: its courses (titles,
aliases and generated short forms such as "ext dip engineering" or "L3 engineering"),
institutions and their short names, towns, subjects, course keywords (interests) and
the Ofqual qualification titles. It is built from a database session, serialises to
plain JSON (the Rasa component stores it in the model) and answers questions such as
"which course is 'ext dip in enginering at northgate'?".

Text goes through one pipeline, for learner text and catalogue names alike:

1. lower-case words; "&" is "and";
2. typo correction of words no dictionary knows, towards the catalogue's words
   (rapidfuzz OSA distance: "enginering" -> "engineering", "moter" -> "motor");
3. shorthand expansion from ``abbreviations.yml`` ("ext dip" -> "extended diploma");
4. level expressions ("L3", "level three", "lvl 2") become a level;
5. institution and town names are set aside;
6. lemmas (spaCy's English lookup table, via :mod:`pathways_catalogue.text`), then
   qualification families ("btec", "hnc", "t level") and subject synonyms
   ("it" = "computing") are recognised; what is left are content words.

Nothing here names a course, college or town of any network: a new network works
as soon as it is imported.

Modules, one job each:

* :mod:`.shorthand`: reading ``abbreviations.yml``; text normalisation;
* :mod:`.levels`: level expressions and :func:`parse_level`;
* :mod:`.candidates`: what the gazetteer answers (course candidates, name matches);
* :mod:`.analysis`: the pipeline above (:class:`Tok`, :class:`Analysis`);
* :mod:`.matching`: word similarity and the scores that rank candidates;
* :mod:`.places`: institutions and towns;
* :mod:`.entries`: courses analysed for scoring (names, short forms, vocabulary);
* :mod:`.topics`: subjects and interests;
* :mod:`.courses`: scoring courses and Ofqual titles against a mention;
* :mod:`.gazetteer`: the :class:`Gazetteer` itself, built from a session, stored as JSON.
"""

from pathways_catalogue.resolve.analysis import CORRECTION_WEIGHT, Analysis, Tok
from pathways_catalogue.resolve.candidates import CourseCandidate, InstitutionMatch, NameMatch
from pathways_catalogue.resolve.gazetteer import FORMAT_VERSION, Gazetteer, dumps, loads
from pathways_catalogue.resolve.levels import parse_level
from pathways_catalogue.resolve.matching import (
    DERIVED_SIMILARITY,
    DERIVED_SUFFIXES,
    DISTINCTIVE,
    EXACT_BELOW,
    GAZETTEER_BELOW,
    GAZETTEER_MARGIN,
    KEYWORD_EVIDENCE,
    MAX_GAZETTEER_POOL,
    OTHER_FAMILY,
    QUALIFICATION_ONLY,
    SHORT_FORM_SCORE,
    SYNONYM_SIMILARITY,
    UNSAID_FAMILY,
    similarity,
)
from pathways_catalogue.resolve.shorthand import (
    AWARDING_BODY,
    CONNECTORS,
    FILLER_WORDS,
    SHORTHAND_FILE,
    Shorthand,
    is_dictionary_word,
    shorthand,
)

__all__ = [
    "AWARDING_BODY",
    "CONNECTORS",
    "CORRECTION_WEIGHT",
    "DERIVED_SIMILARITY",
    "DERIVED_SUFFIXES",
    "DISTINCTIVE",
    "EXACT_BELOW",
    "FILLER_WORDS",
    "FORMAT_VERSION",
    "GAZETTEER_BELOW",
    "GAZETTEER_MARGIN",
    "KEYWORD_EVIDENCE",
    "MAX_GAZETTEER_POOL",
    "OTHER_FAMILY",
    "QUALIFICATION_ONLY",
    "SHORTHAND_FILE",
    "SHORT_FORM_SCORE",
    "SYNONYM_SIMILARITY",
    "UNSAID_FAMILY",
    "Analysis",
    "CourseCandidate",
    "Gazetteer",
    "InstitutionMatch",
    "NameMatch",
    "Shorthand",
    "Tok",
    "dumps",
    "is_dictionary_word",
    "loads",
    "parse_level",
    "shorthand",
    "similarity",
]
