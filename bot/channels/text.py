"""What a learner's message may be: cleaning and limits, checked before any parsing."""

from __future__ import annotations

import enum
import re
import unicodedata
from typing import Tuple

#: the longest message read, in characters (longer ones get ``utter_too_long``)
MAX_MESSAGE_CHARS = 2000
#: the longest sender id (conversation id) a client may choose
MAX_SENDER_CHARS = 128

# C0 and C1 controls, except tab and newline (kept as white space), and DEL
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class Verdict(enum.Enum):
    """What to do with a learner's message."""

    READ = "read"  # pass it to NLU
    EMPTY = "empty"  # nothing left to read: reply utter_empty_message
    TOO_LONG = "too_long"  # reply utter_too_long without reading it


def clean(text: str) -> str:
    """``text`` without control characters or invisible format characters, stripped.

    Tab, newline and carriage return become spaces; zero-width and bidi-override
    characters (Unicode category Cf) are dropped, so they cannot hide words.
    """
    text = text.replace("\t", " ").replace("\r", " ")
    text = _CONTROL.sub("", text)
    if any(unicodedata.category(c) == "Cf" for c in text):
        text = "".join(c for c in text if unicodedata.category(c) != "Cf")
    return text.strip()


def check(text: str) -> Tuple[Verdict, str]:
    """The verdict on a message and its cleaned text.

    The length is checked on the raw text first, so an enormous message costs no
    more than a length check.
    """
    if len(text) > MAX_MESSAGE_CHARS * 4:
        return Verdict.TOO_LONG, ""
    cleaned = clean(text)
    if len(cleaned) > MAX_MESSAGE_CHARS:
        return Verdict.TOO_LONG, ""
    if not cleaned:
        return Verdict.EMPTY, ""
    return Verdict.READ, cleaned


def valid_sender(sender: object) -> bool:
    """Whether ``sender`` may name a conversation: a printable string of 1 to 128 characters."""
    return (
        isinstance(sender, str)
        and 0 < len(sender) <= MAX_SENDER_CHARS
        and sender.strip() == sender
        and sender.isprintable()
    )
