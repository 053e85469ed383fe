"""The pin of our Rasa patches: a digest of the source they replace."""

from __future__ import annotations

import hashlib
import inspect

import pytest

from bot.rasa_code import is_pinned, source_sha256


def sample() -> int:
    """A function whose source is hashed."""
    return 1


def test_the_digest_is_of_the_source() -> None:
    expected = hashlib.sha256(inspect.getsource(sample).encode("utf-8")).hexdigest()
    assert source_sha256(sample) == expected


def test_a_changed_source_is_refused_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    assert is_pinned(sample, source_sha256(sample), "bot/x.py", "the slow way") is True
    assert not caplog.records
    assert is_pinned(sample, "0" * 64, "bot/x.py", "the slow way") is False
    assert "sample is not the code bot/x.py patches" in caplog.text
    assert caplog.text.rstrip().endswith("the slow way")
