"""The action server serves every custom action the domain names, and no more."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Set

import pytest
import yaml
from rasa_sdk.executor import ActionExecutor

from actions import messages

ROOT = Path(__file__).resolve().parents[2]
#: domain actions Rasa runs itself (forms) rather than the action server
RASA_SIDE = {"handover_form"}


def domain_actions() -> Set[str]:
    names: Set[str] = set()
    for path in sorted((ROOT / "bot" / "domain").glob("*.yml")):
        names.update(yaml.safe_load(path.read_text()).get("actions") or [])
    return names


@pytest.fixture(scope="module")
def registered() -> Set[str]:
    executor = ActionExecutor()
    executor.register_package("actions")
    return set(executor.actions)


def test_every_domain_action_is_served(registered: Set[str]) -> None:
    assert domain_actions() - RASA_SIDE <= registered


def test_every_served_action_is_in_the_domain(registered: Set[str]) -> None:
    assert registered <= domain_actions()


def test_every_message_is_used() -> None:
    used: Set[str] = set()
    for path in (ROOT / "actions").glob("*.py"):
        text = path.read_text()
        for key in messages.keys():
            if f'"{key}"' in text:
                used.add(key)
    assert used == set(messages.keys())


def test_importing_the_actions_touches_no_database(tmp_path: Path) -> None:
    missing = tmp_path / "not" / "there.db"
    code = "import pkgutil, importlib, actions\n" + (
        "for m in pkgutil.walk_packages(actions.__path__, 'actions.'): "
        "importlib.import_module(m.name)\n"
    )
    subprocess.run(
        [sys.executable, "-c", code],
        check=True,
        cwd=ROOT,
        env={"CATALOGUE_URL": f"sqlite:///{missing}", "PATH": "/usr/bin:/bin"},
    )
    assert not missing.parent.exists()
