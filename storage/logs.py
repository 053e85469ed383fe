"""Logs without learners' email addresses and phone numbers.

:func:`redact` replaces email addresses and phone numbers in a text. :func:`install`
makes every log record pass through it, whatever handler or formatter prints it: it
wraps the log record factory (so handlers added later, such as the coloured console
handler Rasa installs after reading its logging config, are covered too) and adds a
:class:`RedactingFilter` to the root handlers. The message, its arguments and the
text of an attached exception (an SQL error's ``[parameters: ...]`` included) are
redacted.

The Rasa server gets it from ``bot/logging.yml`` (``--logging-config-file``), the
action server from ``python -m actions.server``.
"""

from __future__ import annotations

import logging
import traceback
from typing import Any, Callable, Optional

from storage import contacts

EMAIL_MARK = "[email]"
PHONE_MARK = "[phone]"

_installed = False


def redact(text: str) -> str:
    """``text`` with email addresses and phone numbers replaced by ``[email]``/``[phone]``.

    Both are found by :mod:`storage.contacts` (email-validator and libphonenumber).
    """
    text = contacts.replace(text, contacts.find_emails(text), EMAIL_MARK)
    return contacts.replace(text, contacts.find_phones(text), PHONE_MARK)


def redact_record(record: logging.LogRecord) -> logging.LogRecord:
    """Redact a record in place: its message (with arguments) and its exception text."""
    if getattr(record, "_redacted", False):
        return record
    try:
        message = record.getMessage()
    except Exception:  # a bad format string: keep the raw parts, redacted
        message = f"{record.msg} {record.args}"
    record.msg, record.args = redact(message), None
    if record.exc_info and record.exc_info[0] is not None and not record.exc_text:
        record.exc_text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
    if record.exc_text:
        record.exc_text = redact(record.exc_text)
    if record.stack_info:
        record.stack_info = redact(record.stack_info)
    record._redacted = True  # type: ignore[attr-defined]
    return record


class RedactingFilter(logging.Filter):
    """A logging filter that redacts each record and lets it through."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Redact ``record``; always keep it."""
        redact_record(record)
        return True


def install(root: Optional[logging.Logger] = None) -> RedactingFilter:
    """Redact every log record from now on (idempotent); return the filter used."""
    global _installed
    found = RedactingFilter()
    if not _installed:
        previous: Callable[..., logging.LogRecord] = logging.getLogRecordFactory()

        def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
            return redact_record(previous(*args, **kwargs))

        logging.setLogRecordFactory(factory)
        _installed = True
    for handler in (root or logging.getLogger()).handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(found)
    return found


def redacting_filter() -> RedactingFilter:
    """Filter factory for ``logging.config.dictConfig`` (``"()": storage.logs.redacting_filter``).

    Installs the redaction for the whole process (see :func:`install`) as well.
    """
    return install()
