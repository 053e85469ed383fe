"""Whether a message asks for a person, or asks whether the assistant is one.

"Can I talk to a real person?" asks for an adviser; "are you a real person?" asks about
the assistant; "can I get some help" names nobody, so the assistant helps itself.
"""

from __future__ import annotations

import re

#: words asking for a person rather than the bot
PERSON = re.compile(
    r"\b(?:real|actual|proper) (?:person|human|people)\b|\bhuman being\b"
    r"|\b(?:speak|talk|chat|tlk|spk) (?:to|2|with|wiv) (?:an? |sum1 |some ?one |somebody )?"
    r"(?:adviser|advisor|human|person|some ?one|somebody|sum1|staff|careers)\b"
    r"|\b(?:adviser|advisor|person|human|some ?one|somebody|sum1|member of staff)\b.{0,25}"
    r"\b(?:get in touch|contact me|call me|ring me|email me|message me|msg me)\b"
)
#: words that make a request for help one for a person ("talk to someone", "an adviser")
PERSON_CUE = re.compile(
    r"\b(?:advis[eo]rs?|person|people|human|some ?one|somebody|any ?one|anybody|sum1|staff|"
    r"careers|agent|"
    r"real|talk|tlk|speak|spk|chat|call|ring|phone|contact|email|e-mail|tutor|teacher|"
    r"counsell?or|member|bot|robot)\b"
)
#: "are you a real person?" asks about the bot, not for a person
BOT_QUESTION = re.compile(
    r"\b(?:are|r) (?:you|u|ya)\b|\bis (?:this|it) (?:a |an )?(?:real|bot|robot|human|person|"
    r"computer|ai)\b|\bam i (?:talking|speaking|chatting) (?:to|with)\b|\byou a (?:bot|robot|"
    r"human|real)\b"
)


def asks_for_a_person(text: str) -> bool:
    """"can I talk to an adviser?", "a real person", "someone call me" and the like."""
    return bool(PERSON.search(text.lower()))


def names_a_person(text: str) -> bool:
    """Whether a request for help names a person ("talk to someone", "an adviser")."""
    return bool(PERSON_CUE.search(text.lower()))


def asks_if_bot(text: str) -> bool:
    """"are you a bot?", "is this a real person?" and the like."""
    return bool(BOT_QUESTION.search(text.lower()))
