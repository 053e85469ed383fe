"""The compiled check of action answers: pinned to Rasa's code, same verdicts, same errors."""

from __future__ import annotations

from typing import Any, Dict

import pytest
from jsonschema import ValidationError

from bot import action_validation


def test_rasa_check_is_the_code_the_patch_was_written_against() -> None:
    # fails when Rasa's RemoteAction._validate_action_result changes: re-read it, check
    # bot/action_validation.py still checks the same schema the same way, then update the digest
    assert action_validation.rasa_validate_digest() == action_validation.RASA_VALIDATE_SHA256


GOOD: Dict[str, Any] = {
    "events": [
        {"event": "slot", "name": "current_course", "value": "ngc-eng-btec"},
        {"event": "bot", "text": "Here are 3 routes", "data": {}},
        {"event": "followup", "name": "action_listen"},
    ],
    "responses": [{"text": "Here are 3 routes"}, {"custom": {"type": "pathways.route"}}],
}
BAD = [
    {"events": "not a list"},
    {"events": [{"event": "no such event"}]},
    {"events": [{"event": "slot"}]},  # a slot event without a name
    {"responses": [1, 2]},
    {"events": [], "responses": "text"},
]


def rasa_check(result: Dict[str, Any]) -> str:
    """Rasa's own verdict: "" or the error message."""
    from rasa.core.actions.action import RemoteAction

    try:
        action_validation._original_or_rasa()(RemoteAction("action_respond", None), result)
    except ValidationError as error:
        return error.message
    return ""


def our_check(result: Dict[str, Any]) -> str:
    """The patch's verdict: "" or the error message."""
    try:
        assert action_validation.validate_result(None, result) is True
    except ValidationError as error:
        return error.message
    return ""


@pytest.mark.parametrize("result", [GOOD, {}, {"events": []}, *BAD])
def test_the_same_answers_pass_and_fail_with_the_same_message(result: Dict[str, Any]) -> None:
    assert our_check(result) == rasa_check(result)


def test_bad_answers_are_refused() -> None:
    for result in BAD:
        assert "Failed to validate Action server response" in our_check(result)


def test_install_and_uninstall() -> None:
    from rasa.core.actions.action import RemoteAction

    rasa_own = RemoteAction._validate_action_result
    try:
        assert action_validation.install({action_validation.ENV: "0"}) is False
        assert RemoteAction._validate_action_result is rasa_own
        assert action_validation.install({}) is True
        assert action_validation.install({}) is True  # once only
        assert RemoteAction._validate_action_result is action_validation.validate_result
        assert rasa_check(GOOD) == ""  # Rasa's own is still reachable
    finally:
        action_validation.uninstall()
    assert RemoteAction._validate_action_result is rasa_own
