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


@pytest.mark.parametrize(
    ("value", "wanted"),
    [(None, True), ("background", True), ("at-load", False), ("AT-LOAD", False)],
)
def test_where_the_prediction_graph_is_traced(value: Any, wanted: bool) -> None:
    env = {} if value is None else {model_loading.TRACE_ENV: value}
    assert model_loading.in_background(env) is wanted


class _Model:
    """What :func:`model_loading.trace_in_background` uses of a Rasa model."""

    def __init__(self, fail: bool = False) -> None:
        self.fail = fail
        self.prepared_for_prediction = False
        self._run_eagerly: Any = None
        self._tf_predict_step: Any = None
        self.prepared = 0

    def prepare_for_predict(self) -> None:
        self.prepared += 1

    def predict_step(self, batch: Any) -> Dict[str, Any]:
        import tensorflow as tf

        if self.fail:
            raise ValueError("cannot trace")
        return {"sum": tf.reduce_sum(batch[0])}

    @staticmethod
    def _dynamic_signature(batch: Any) -> Any:
        from rasa.utils.tensorflow.models import RasaModel

        return RasaModel._dynamic_signature(batch)


@pytest.mark.parametrize("fail", [False, True])
def test_the_graph_is_traced_by_a_thread_while_predictions_are_eager(
    fail: bool, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import numpy as np

    batch = (np.ones((1, 3), dtype=np.float32),)
    monkeypatch.setattr(model_loading, "_batches", lambda example: [(batch, None)])
    model = _Model(fail)
    thread = model_loading.trace_in_background(model, None)  # type: ignore[arg-type]
    assert model.prepared == 1 and model.prepared_for_prediction
    thread.join(timeout=120)
    assert model._run_eagerly is False  # Rasa's traced path from now on
    if fail:  # traced on first use instead, as Rasa would
        assert model._tf_predict_step is None
        assert "failed" in caplog.text
    else:
        assert float(model._tf_predict_step(batch)["sum"]) == 3.0


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
