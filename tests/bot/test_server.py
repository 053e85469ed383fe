"""The Rasa entry point exits with the code Rasa meant (the server is tested in tests/e2e)."""

from __future__ import annotations

import pytest

from bot.server import exit_code


def test_exit_codes(capsys: pytest.CaptureFixture[str]) -> None:
    assert exit_code(SystemExit()) == 0
    assert exit_code(SystemExit(0)) == 0
    assert exit_code(SystemExit(2)) == 2
    assert exit_code(SystemExit("no model found")) == 1
    assert "no model found" in capsys.readouterr().err
