"""Learners' contact details, read and compared in one place: phone numbers and emails.

Phone numbers are parsed with ``phonenumbers`` (Google's libphonenumber) as numbers of
the United Kingdom (region ``GB``) unless they carry another country code, so
``07700900123``, ``07700 900 123``, ``+44 7700 900123``, ``447700900123`` and the
sender id ``whatsapp:+447700900123`` are all the same number, ``+447700900123``.
A number only has to be *possible* (the right length for its country), not assigned:
Ofcom's drama ranges (07700 900xxx) are not in service but are exactly what tests and
examples use.

Email addresses are checked with ``email-validator`` without any DNS lookup
(``check_deliverability=False``) and compared in lower case.

The hand-over form (:mod:`actions.handover`), the log redaction (:mod:`storage.logs`)
and erasure (:mod:`enquiries.retention`, :mod:`bot.privacy`) all use this module.
"""

from __future__ import annotations

import re
from typing import Iterator, List, NamedTuple, Optional

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from phonenumbers import Leniency, PhoneNumberFormat

#: the region of numbers written without a country code
REGION = "GB"
UK_COUNTRY_CODE = 44
#: a stretch of text that might be an email address (email-validator decides)
_EMAIL_CANDIDATE = re.compile(r"[^\s\"'<>()\[\]{},;:@]+@[^\s\"'<>()\[\]{},;:@]+")
#: the fewest digits a phone number has (below that, no number is looked for)
MIN_PHONE_DIGITS = 7


class Found(NamedTuple):
    """A contact detail found in a text: where it is and its normal form."""

    start: int
    end: int
    value: str


def _parse(text: str) -> Optional[phonenumbers.PhoneNumber]:
    try:
        number = phonenumbers.parse(text, REGION)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_possible_number(number) else None


def normalise_phone(text: str) -> Optional[str]:
    """The number in ``text`` in E.164 (``"+447700900123"``), or None if it is not one.

    ``text`` may carry a channel prefix (``"whatsapp:+447700900123"``, ``"tel:..."``).
    """
    value = text.strip().rsplit(":", 1)[-1].strip()
    if not _phone_like(value):
        return None
    number = _parse(value)
    return phonenumbers.format_number(number, PhoneNumberFormat.E164) if number else None


def _phone_like(raw: str) -> bool:
    """Starts with ``+``, ``0`` or ``(``, or is 44 and ten more digits (not a date or id)."""
    digits = re.sub(r"\D", "", raw)
    return raw[:1] in ("+", "0", "(") or (digits.startswith("44") and len(digits) == 12)


def uk_phone(text: str) -> Optional[str]:
    """The first UK number in ``text``, as it is written at home ("07700 900123"), or None."""
    for found in _phone_matches(text):
        if found.number.country_code == UK_COUNTRY_CODE and _written_as_phone(text, found):
            return str(phonenumbers.format_number(found.number, PhoneNumberFormat.NATIONAL))
    return None


def _phone_matches(text: str) -> Iterator[phonenumbers.PhoneNumberMatch]:
    if sum(c.isdigit() for c in text) < MIN_PHONE_DIGITS:
        return iter(())
    return iter(phonenumbers.PhoneNumberMatcher(text, REGION, leniency=Leniency.POSSIBLE))


def _written_as_phone(text: str, match: phonenumbers.PhoneNumberMatch) -> bool:
    """True if the match is written the way people write phone numbers.

    It starts with ``+``, ``0`` or ``(``, or is 44 and ten digits; and it is not part
    of a decimal (``1733120000.123``, a timestamp, is a possible number too).
    """
    if not _phone_like(match.raw_string):
        return False
    after, before = text[match.end : match.end + 2], text[max(0, match.start - 1) : match.start]
    return not (re.fullmatch(r"\.\d", after) or before == ".")


def find_phones(text: str) -> List[Found]:
    """Every phone number in ``text`` written as one, each with its E.164 form.

    Dates, times, timestamps and ids are not taken for numbers (see
    :func:`_written_as_phone`).
    """
    return [
        Found(m.start, m.end, phonenumbers.format_number(m.number, PhoneNumberFormat.E164))
        for m in _phone_matches(text)
        if _written_as_phone(text, m)
    ]


def normalise_email(text: str) -> Optional[str]:
    """``text`` as a checked email address in lower case, or None if it is not one."""
    try:
        checked = validate_email(text.strip(), check_deliverability=False)
    except EmailNotValidError:
        return None
    return str(checked.normalized).lower()


def find_emails(text: str) -> List[Found]:
    """Every email address in ``text``, each in its lower-case normal form."""
    found = []
    for candidate in _EMAIL_CANDIDATE.finditer(text):
        raw = candidate.group(0).rstrip(".")
        value = normalise_email(raw)
        if value is not None:
            found.append(Found(candidate.start(), candidate.start() + len(raw), value))
    return found


def first_email(text: str) -> Optional[str]:
    """The first email address in ``text`` as written (trimmed), or None."""
    for found in find_emails(text):
        return text[found.start : found.end]
    return None


def replace(text: str, found: List[Found], mark: str) -> str:
    """``text`` with each of ``found`` replaced by ``mark`` (``found`` need not be sorted)."""
    for item in sorted(found, key=lambda f: f.start, reverse=True):
        text = text[: item.start] + mark + text[item.end :]
    return text


def phone_spellings(e164: str) -> List[str]:
    """The usual ways of writing ``e164`` in a text, for a first search in a database.

    ``"+447700900123"`` → ``"+447700900123"``, ``"447700900123"``, ``"07700900123"``,
    ``"07700 900123"`` and ``"+44 7700 900123"``.
    """
    number = _parse(e164)
    if number is None:
        return []
    national = str(phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL))
    international = str(phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL))
    digits = e164.lstrip("+")
    return sorted({e164, digits, national, national.replace(" ", ""), international})


def phone_tail(e164: str, size: int = 3) -> str:
    """The last ``size`` digits of a number: kept together in every usual spelling."""
    return re.sub(r"\D", "", e164)[-size:]
