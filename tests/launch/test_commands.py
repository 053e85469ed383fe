"""``make run`` (honcho, ``Procfile``) starts the same command lines as every launcher."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Dict

from launch.commands import actions_server, rasa_server, rasa_server_env, web_front

ROOT = Path(__file__).resolve().parents[2]
VENV_PYTHON = ".venv/bin/python"


def procfile() -> Dict[str, str]:
    lines = (ROOT / "Procfile").read_text().splitlines()
    return dict(line.split(": ", 1) for line in lines if line.strip() and not line.startswith("#"))


def test_the_procfile_runs_the_launch_commands() -> None:
    expected = {
        "actions": actions_server("${ACTION_PORT:-5055}", python=VENV_PYTHON),
        "rasa": rasa_server(),
        "web": web_front("${WEB_PORT:-8000}", host=None, python=VENV_PYTHON),
    }
    assert procfile() == {name: " ".join(command) for name, command in expected.items()}


def test_the_rasa_launcher_reads_every_setting_it_is_given(tmp_path: Path) -> None:
    script = (ROOT / "tools" / "rasa_server.sh").read_text()
    settings = rasa_server_env(5005, tmp_path / "m.tar.gz", tmp_path / "c.yml", cors=["x"],
                               api_token="t")  # fmt: skip
    for name in settings:
        assert re.search(r"\$\{" + name + r"[:}]", script), name


def test_left_out_settings_are_left_to_the_environment(tmp_path: Path) -> None:
    settings = rasa_server_env(5005, tmp_path / "m.tar.gz", tmp_path / "c.yml")
    assert "RASA_CORS_ORIGINS" not in settings and "RASA_API_TOKEN" not in settings
    assert settings["RASA_INTERFACE"] == "127.0.0.1"
    closed = rasa_server_env(5005, tmp_path / "m.tar.gz", tmp_path / "c.yml", cors=(),
                             api_token="")  # fmt: skip
    assert closed["RASA_CORS_ORIGINS"] == "" and closed["RASA_API_TOKEN"] == ""
