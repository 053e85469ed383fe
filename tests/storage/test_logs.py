"""Logs keep learners' email addresses and phone numbers out; so do SQL errors."""

from __future__ import annotations

import logging
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from storage import make_engine
from storage.logs import RedactingFilter, redact

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("mail me at sam.patel+x@example.co.uk please", "mail me at [email] please"),
        ("call 07700 900123", "call [phone]"),
        ("or +44 7700 900123.", "or [phone]."),
        ("(01632) 960161 at work", "[phone] at work"),
        ("07700900123", "[phone]"),
    ],
)
def test_emails_and_phone_numbers_are_redacted(raw: str, expected: str) -> None:
    assert redact(raw) == expected


@pytest.mark.parametrize(
    "kept",
    [
        "2026-12-02 06:06:45 took 1733120000.123 s",
        "sender e2e-0a1b2c3d, course ngc-eng-l3-ed, level 3, 12 routes",
        "UCAS points 112, postcode YO1 7HH",
    ],
)
def test_dates_ids_and_numbers_are_kept(kept: str) -> None:
    assert redact(kept) == kept


def test_the_filter_redacts_arguments_and_exceptions() -> None:
    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "saving %s", ("a@b.example",), None)
    try:
        raise ValueError("bad phone 07700 900123")
    except ValueError:
        record.exc_info = sys.exc_info()
    assert RedactingFilter().filter(record)
    formatted = logging.Formatter().format(record)
    assert "a@b.example" not in formatted and "07700 900123" not in formatted
    assert "saving [email]" in formatted and "bad phone [phone]" in formatted


def test_once_installed_every_handler_is_covered_even_one_added_later() -> None:
    # in a separate interpreter: install() changes the process's log record factory
    script = textwrap.dedent(
        """
        import logging, sys
        from storage import logs
        logs.install()
        logging.basicConfig(stream=sys.stdout, level=logging.INFO, format="%(message)s")
        logging.getLogger("x").info("learner %s on %s", "sam@example.com", "07700 900123")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "learner [email] on [phone]"


def test_a_failed_insert_does_not_show_its_parameters(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE t (email TEXT UNIQUE)"))
        connection.execute(text("INSERT INTO t VALUES ('sam@example.com')"))
    with pytest.raises(IntegrityError) as info, engine.begin() as connection:
        connection.execute(text("INSERT INTO t VALUES (:e)"), {"e": "sam@example.com"})
    assert "sam@example.com" not in str(info.value)
    assert "hidden" in str(info.value)
    engine.dispose()
