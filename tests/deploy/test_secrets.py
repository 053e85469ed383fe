"""Secrets files made from the examples have no blank secret, and the servers accept them."""

from __future__ import annotations

from pathlib import Path

import pytest

from actions.server import token_or_refusal
from deploy.secrets import filled, main
from web.config import secret_key

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"


@pytest.mark.parametrize("example", ["k8s/secrets.env.example", ".env.example"])
def test_every_blank_secret_of_an_example_gets_a_strong_value(
    example: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([str(DEPLOY / example)]) == 0
    values = {}
    for line in capsys.readouterr().out.splitlines():
        if "=" in line and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key] = value
    assert values["ACTION_SERVER_TOKEN"] and values["WEB_SECRET_KEY"]
    assert token_or_refusal({"ACTION_SERVER_TOKEN": values["ACTION_SERVER_TOKEN"]}, "0.0.0.0")
    assert len(secret_key(values["WEB_SECRET_KEY"])) == 32
    for key, value in values.items():
        if key not in ("PATHWAYS_NETWORK", "PATHWAYS_IMAGE"):
            assert value, f"{key} is blank"


def test_values_already_set_and_comments_are_kept() -> None:
    lines = ["# a comment=", "KEPT=value", "NEW=", "PATHWAYS_NETWORK="]
    assert filled(lines, lambda: "x") == ["# a comment=", "KEPT=value", "NEW=x",
                                          "PATHWAYS_NETWORK="]  # fmt: skip
