"""Conversation tests: `rasa test core --fail-on-prediction-errors` on each network.

The stories in ``tests/conversations/`` are written with real learner text; Rasa
predicts each next action from the model (custom actions are not executed here:
``test_rest_chat.py`` runs them for real). Files
whose name contains ``fenland`` run against a model trained on the second network,
which only the tests use; the others against the demo network.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Callable

import pytest

from pathways_catalogue.settings import PROJECT_ROOT
from tests.e2e.conftest import Trained, rasa

CONVERSATIONS = sorted((PROJECT_ROOT / "tests" / "conversations").glob("test_*.yml"))

pytestmark = pytest.mark.slow


def network_for(path: Path) -> str:
    return "fenland_coast" if "fenland" in path.name else "vale_and_wolds"


def test_there_are_conversation_tests_for_both_networks() -> None:
    assert {network_for(p) for p in CONVERSATIONS} == {"vale_and_wolds", "fenland_coast"}


@pytest.mark.parametrize("stories", CONVERSATIONS, ids=lambda p: p.stem)
def test_conversations(stories: Path, trained: Callable[[str], Trained], tmp_path: Path) -> None:
    item = trained(network_for(stories))
    result = subprocess.run(
        rasa(
            "test",
            "core",
            "--model",
            str(item.model),
            "--stories",
            str(stories),
            "--fail-on-prediction-errors",
            "--out",
            str(tmp_path / "results"),
        ),
        cwd=PROJECT_ROOT,
        env=item.env(),
        capture_output=True,
        text=True,
        check=False,
    )
    failed = tmp_path / "results" / "failed_test_stories.yml"
    detail = failed.read_text() if failed.exists() else ""
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:] + detail[-4000:]
