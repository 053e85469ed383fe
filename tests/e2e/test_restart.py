"""Conversations survive a restart, wherever the catalogue lives; a broken store stops Rasa.

The catalogue database of these deployments is outside ``var/`` and the tracker
store's folder does not exist before the server starts: the case where the store
used to fail quietly and every turn started a new conversation.
"""

from __future__ import annotations

import subprocess
import uuid

import pytest

from evaluation.scenarios import reply_text
from evaluation.servers import Deployment, Servers, rasa_command
from launch.process import free_port, tail
from pathways_catalogue.settings import PROJECT_ROOT
from tests.e2e.conftest import tracker_files

pytestmark = [pytest.mark.slow, pytest.mark.e2e]


def test_a_conversation_survives_a_restart_of_the_rasa_server(demo: Deployment) -> None:
    assert "/var/" not in demo.db_url and "/var/" not in demo.tracker_url
    sender = f"restart-{uuid.uuid4().hex[:8]}"
    with Servers(demo) as servers:
        first = reply_text(servers.say(sender, "im doing the ext dip in enginering at northgate"))
        assert "Pearson BTEC Level 3 National Extended Diploma in Engineering" in first
        assert tracker_files(demo), "the tracker store created its folder and database"
        servers.stop_rasa()
        servers.start_rasa()
        reply = reply_text(servers.say(sender, "who do I contact about the HNC?"))
    assert "What course are you doing" not in reply
    assert "@" in reply, reply


def test_a_tracker_store_that_cannot_be_opened_stops_the_server(demo: Deployment) -> None:
    blocker = demo.workdir / "not-a-folder"
    blocker.write_text("a file where the tracker store's folder should be")
    env = demo.env(
        TRACKER_STORE_URL=f"sqlite:///{blocker / 'tracker.db'}",
        ACTION_ENDPOINT_URL="http://127.0.0.1:9/webhook",
    )
    log = demo.workdir / "broken-store.log"
    command = rasa_command(
        "run", "--model", str(demo.model), "--endpoints", "bot/endpoints.yml",
        "--credentials", "bot/credentials.yml", "--interface", "127.0.0.1",
        "--port", str(free_port()),
    )  # fmt: skip
    with log.open("w") as handle:
        result = subprocess.run(command, cwd=PROJECT_ROOT, env=env, stdout=handle,
                                stderr=subprocess.STDOUT, timeout=600, check=False)  # fmt: skip
    assert result.returncode != 0, tail(log)
    assert "TrackerStoreUnavailable" in tail(log, 20000)
