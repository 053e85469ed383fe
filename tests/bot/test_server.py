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


def test_the_api_token_comes_from_the_environment_not_the_command_line() -> None:
    from bot.server import with_api_token

    run = ["run", "--enable-api", "--port", "5005"]
    assert with_api_token(run, {"RASA_API_TOKEN": "s3cret"}) == [*run, "--auth-token", "s3cret"]
    assert with_api_token(["run"], {"RASA_API_TOKEN": "s3cret"}) == ["run"]  # API off
    with pytest.raises(SystemExit, match="needs RASA_API_TOKEN"):
        with_api_token(run, {"RASA_API_TOKEN": " "})
    with pytest.raises(SystemExit, match="not on the command line"):
        with_api_token([*run, "--auth-token", "s3cret"], {})


def test_jax_is_kept_out_unless_turned_off() -> None:
    import sys

    from bot.server import NO_JAX_ENV, without_jax

    saved = sys.modules.pop("jax", None)
    try:
        assert without_jax({NO_JAX_ENV: "0"}) is False
        assert "jax" not in sys.modules
        assert without_jax({}) is True
        assert sys.modules["jax"] is None
        sys.modules["jax"] = sys  # imported already (any module will do)
        assert without_jax({}) is False
    finally:
        sys.modules.pop("jax", None)
        if saved is not None:
            sys.modules["jax"] = saved
