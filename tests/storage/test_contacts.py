"""Phone numbers and email addresses, read and compared by one module."""

from __future__ import annotations

from typing import Optional

import pytest

from storage import contacts

SPELLINGS = [
    "07700900123", "07700 900 123", "+44 7700 900123", "447700900123", "0044 7700 900123",
    "07700-900-123", "(07700) 900123", "whatsapp:+447700900123", "sms:07700900123",
    "twilio:whatsapp:+447700900123", "twilio:+447700900123",  # namespaced per channel
]  # fmt: skip


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_every_spelling_of_a_number_is_the_same_number(spelling: str) -> None:
    assert contacts.normalise_phone(spelling) == "+447700900123"


@pytest.mark.parametrize("text", ["", "hello", "12", "2026-12-07", "+44 12"])
def test_what_is_not_a_number_is_none(text: str) -> None:
    assert contacts.normalise_phone(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ring me on 07700900123 please", "07700 900123"),
        ("it's +44 7700 900 123", "07700 900123"),
        ("(01632) 960161 at work", "01632 960161"),
        ("+1 202 555 0143", None),  # not a UK number
        ("my id is 1733120000.123", None),
        ("no number here", None),
    ],
)
def test_a_uk_number_in_a_message(text: str, expected: Optional[str]) -> None:
    assert contacts.uk_phone(text) == expected


def test_numbers_are_found_with_their_place_and_normal_form() -> None:
    text = "call 07700 900123 or +44 7700 900999, not at 2026-12-02 06:06:45"
    found = contacts.find_phones(text)
    assert [f.value for f in found] == ["+447700900123", "+447700900999"]
    assert text[found[0].start : found[0].end] == "07700 900123"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sam.Patel@Example.com", "sam.patel@example.com"),
        (" jo@college.ac.uk ", "jo@college.ac.uk"),
        ("sam@localhost", None),
        ("bad@@example.com", None),
        ("sam at example dot com", None),
    ],
)
def test_email_addresses_are_checked_without_dns(text: str, expected: Optional[str]) -> None:
    assert contacts.normalise_email(text) == expected


def test_email_addresses_in_a_text() -> None:
    text = 'mail "Sam.Patel+x@Example.co.uk", or jo@college.ac.uk. Not me@home'
    assert [f.value for f in contacts.find_emails(text)] == [
        "sam.patel+x@example.co.uk", "jo@college.ac.uk",
    ]  # fmt: skip
    assert contacts.first_email(text) == "Sam.Patel+x@Example.co.uk"
    marked = contacts.replace(text, contacts.find_emails(text), "[email]")
    assert marked == 'mail "[email]", or [email]. Not me@home'


def test_the_spellings_searched_for_in_stored_text() -> None:
    spellings = contacts.phone_spellings("+447700900123")
    for wanted in ("07700900123", "07700 900123", "+44 7700 900123", "447700900123"):
        assert wanted in spellings
    assert contacts.phone_tail("+447700900123") == "123"
