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

The work is done by a few objects, each with one job, which the :class:`Gazetteer`
builds in this order and holds (composition; no object inherits another's job):

* :mod:`.places`: :class:`~.places.Places`, institutions and towns and their names;
* :mod:`.vocabulary`: :class:`~.vocabulary.Vocabulary`, the words typos are corrected
  towards;
* :mod:`.analyser`: :class:`~.analyser.Analyser`, the pipeline above, given the
  shorthand, the vocabulary and the places;
* :mod:`.course_index`: :class:`~.course_index.CourseIndex`, courses (with generated
  short forms) and Ofqual titles analysed for scoring, and the score of a mention;
* :mod:`.topics`: :class:`~.topics.Topics`, subjects and interests;
* :mod:`.courses`: :class:`~.courses.CourseResolver`, course mentions resolved over
  the course index, places and subjects;
* :mod:`.gazetteer`: the :class:`Gazetteer` facade, built from a session, stored as JSON.

and plain modules they share:

* :mod:`.shorthand`: reading ``abbreviations.yml``; splitting text into words;
* :mod:`.levels`: the level vocabulary ("L3", "lvl", "nvq 2");
* :mod:`.analysis`: what the pipeline returns (:class:`~.analysis.Tok`,
  :class:`~.analysis.Analysis`);
* :mod:`.matching`: word similarity and the scores that rank candidates;
* :mod:`.candidates`: what the gazetteer answers (course candidates, name matches).

An object's module imports only the plain modules and the modules of the objects
built before it, so the package has no import cycle.
"""

from pathways_catalogue.resolve.candidates import CourseCandidate, NameMatch
from pathways_catalogue.resolve.gazetteer import Gazetteer
from pathways_catalogue.resolve.matching import QUALIFICATION_ONLY
from pathways_catalogue.resolve.shorthand import CONNECTORS, FILLER_WORDS, is_dictionary_word

# what other packages use (the bot's extractor, the actions, tools); the rest is
# reached through its module
__all__ = [
    "CONNECTORS",
    "FILLER_WORDS",
    "QUALIFICATION_ONLY",
    "CourseCandidate",
    "Gazetteer",
    "NameMatch",
    "is_dictionary_word",
]
