"""On/off switches from the environment, and imports kept out of a process."""

from __future__ import annotations

import sys

import pytest

from storage.switches import keep_out, switched_on


@pytest.mark.parametrize(
    ("value", "on"),
    [(None, True), ("1", True), ("yes", True), ("0", False), (" False ", False), ("NO", False)],
)
def test_a_switch_is_on_unless_it_says_off(value: str, on: bool) -> None:
    env = {} if value is None else {"SOME_SWITCH": value}
    assert switched_on(env, "SOME_SWITCH") is on


def test_keep_out_blocks_a_module_not_yet_imported() -> None:
    name = "pathways_test_not_a_module"
    try:
        assert keep_out(name, {"SWITCH": "0"}, "SWITCH") is False
        assert name not in sys.modules
        assert keep_out(name, {}, "SWITCH") is True
        with pytest.raises(ImportError):
            __import__(name)
        assert keep_out("sys", {}, "SWITCH") is False  # imported already
    finally:
        sys.modules.pop(name, None)
