"""The DIET load patch: pinned to Rasa's code, and a model loaded both ways predicts the same."""

from __future__ import annotations

import asyncio
from typing import Any, Dict, List

import pytest

from bot import model_loading
from evaluation.servers import Deployment


def test_rasa_load_is_the_code_the_patch_was_written_against() -> None:
    # fails when Rasa's RasaModel.load changes: re-read it, check bot/model_loading.py
    # still does what it does minus the training step, then update the digest
    assert model_loading.rasa_load_digest() == model_loading.RASA_LOAD_SHA256


@pytest.mark.parametrize(
    ("value", "wanted"),
    [(None, True), ("1", True), ("yes", True), ("0", False), ("false", False), (" No ", False)],
)
def test_the_patch_can_be_turned_off(value: Any, wanted: bool) -> None:
    env = {} if value is None else {model_loading.ENV: value}
    assert model_loading.enabled(env) is wanted


def test_install_and_uninstall() -> None:
    from rasa.utils.tensorflow.models import RasaModel

    rasa_load = RasaModel.load.__func__  # type: ignore[attr-defined]
    try:
        assert model_loading.install({model_loading.ENV: "0"}) is False
        assert RasaModel.load.__func__ is rasa_load  # type: ignore[attr-defined]
        assert model_loading.install({}) is True
        assert model_loading.install({}) is True  # once only
        assert RasaModel.load.__func__ is model_loading.load  # type: ignore[attr-defined]
    finally:
        model_loading.uninstall()
    assert RasaModel.load.__func__ is rasa_load  # type: ignore[attr-defined]


TEXTS = [
    "hi",
    "I'm doing a level 3 engineering course at Northgate",
    "what can I do after my btec in health and social care",
    "no that's not it",
    "can I study plumbing in the evenings near Hull",
    "i want to talk to someone",
]


def _parses(model: str) -> List[Dict[str, Any]]:
    from rasa.core.agent import Agent

    agent = Agent.load(model_path=model)

    async def parse_all() -> List[Dict[str, Any]]:
        return [await agent.parse_message(text) for text in TEXTS]

    return asyncio.run(parse_all())


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore::UserWarning")  # Rasa's own, on loading a domain
def test_a_model_loaded_both_ways_predicts_the_same(demo: Deployment) -> None:
    slow = _parses(str(demo.model))
    assert model_loading.install({})
    try:
        fast = _parses(str(demo.model))
    finally:
        model_loading.uninstall()
    for before, after in zip(slow, fast, strict=True):
        assert after["intent"]["name"] == before["intent"]["name"]
        for one, other in zip(before["intent_ranking"], after["intent_ranking"], strict=True):
            assert other["name"] == one["name"]
            assert other["confidence"] == pytest.approx(one["confidence"], abs=1e-6)
        spans = [(e["entity"], e["start"], e["end"]) for e in before["entities"]]
        assert [(e["entity"], e["start"], e["end"]) for e in after["entities"]] == spans
