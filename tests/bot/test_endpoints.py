"""Both endpoint files send the domain only to the actions that read it."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", ["endpoints.yml", "endpoints.scale.yml"])
def test_the_domain_goes_only_to_the_actions_that_read_it(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rasa.core.actions.action import RemoteAction
    from rasa.core.utils import AvailableEndpoints
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker

    for variable in ("ACTION_ENDPOINT_URL", "ACTION_SERVER_TOKEN", "REDIS_HOST", "REDIS_PASSWORD"):
        monkeypatch.setenv(variable, "x")
    monkeypatch.setenv("REDIS_PORT", "6379")
    monkeypatch.setenv("REDIS_DB", "0")
    endpoints = AvailableEndpoints.read_endpoints(str(ROOT / "bot" / name))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # Rasa's note on slot auto-fill
        domain = Domain.load(str(ROOT / "bot" / "domain"))
    tracker = DialogueStateTracker.from_events("s", [], domain.slots)
    sent = {
        action
        for action in domain.user_actions
        if "domain" in RemoteAction(action, endpoints.action)._action_call_format(tracker, domain)
    }
    # the hand-over form's validation reads the form's slots from the domain
    assert sent == {"validate_handover_form"}
