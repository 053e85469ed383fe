"""Load DIET without tracing its training step: one patch of Rasa 3.6, installed by ``bot.server``.

Rasa 3.6 builds a saved TensorFlow model (``RasaModel.load``, used by DIET) by *training
it for one step* on one example (``model.fit``), only to create its variables before
``load_weights`` overwrites them. ``fit`` traces the whole training step (forward pass,
gradients of every loss, the optimiser): about 80% of the Rasa server's start-up
(docs/performance.md, "Start-up").

:func:`load` creates the same variables with one *eager* prediction step on the
prediction example (no tracing, no gradients), restores the trained weights, then runs
Rasa's own warm-up prediction, which traces the prediction graph with those weights.
Label embeddings computed before the restore (``prepare_for_predict``) are thrown away
and computed again. Tracing that graph still takes 5 s or more, so by default it is
done by a thread (:func:`trace_in_background`) while the server already answers,
predicting with Rasa's own eager path (``run_eagerly``) until the graph is ready;
``PATHWAYS_DIET_TRACE=at-load`` traces it before the server listens, as Rasa does.
Variables the prediction step does not create (the optimiser's) are not needed to
predict and stay unrestored. Rasa's original path is kept for
fine-tuning (``finetune_mode``), for models without a prediction example, and when
``PATHWAYS_DIET_FAST_LOAD=0``.

:func:`install` replaces ``RasaModel.load`` only if it is still the code this was
written against (:data:`RASA_LOAD_SHA256`); otherwise it leaves Rasa alone and says
so. ``tests/bot/test_model_loading.py`` fails when Rasa's code changes, and checks
that a model loaded both ways predicts the same.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from typing import TYPE_CHECKING, Any, Callable, Mapping, Optional

from bot.rasa_code import is_pinned, source_sha256
from storage.switches import switched_on

if TYPE_CHECKING:
    from rasa.utils.tensorflow.model_data import RasaModelData
    from rasa.utils.tensorflow.models import RasaModel

logger = logging.getLogger(__name__)

#: set to 0 to load with Rasa's own code (to compare, or if this patch misbehaves)
ENV = "PATHWAYS_DIET_FAST_LOAD"
#: ``at-load`` traces the prediction graph before the server listens, as Rasa does;
#: otherwise (the default) a thread traces it while the first messages are predicted eagerly
TRACE_ENV = "PATHWAYS_DIET_TRACE"
#: sha256 of the source of ``rasa.utils.tensorflow.models.RasaModel.load`` (Rasa 3.6.21)
RASA_LOAD_SHA256 = "84fd81c0fdd01a8048de2d9b5b3022bdbf1e155f7b4d67737eb51ecb0787d292"

_original: Optional[Callable[..., Any]] = None


def enabled(env: Mapping[str, str]) -> bool:
    """Whether the patch is wanted (``PATHWAYS_DIET_FAST_LOAD`` unset or not 0/false/no)."""
    return switched_on(env, ENV)


def rasa_load_digest() -> str:
    """sha256 of the source of Rasa's ``RasaModel.load`` as installed now."""
    from rasa.utils.tensorflow.models import RasaModel

    return source_sha256(RasaModel.load.__func__)  # type: ignore[attr-defined]


def load(
    cls: type[RasaModel],
    model_file_name: str,
    model_data_example: RasaModelData,
    predict_data_example: Optional[RasaModelData] = None,
    finetune_mode: bool = False,
    *args: Any,
    **kwargs: Any,
) -> RasaModel:
    """``RasaModel.load`` that builds the variables with an eager prediction, not ``fit``."""
    if finetune_mode or predict_data_example is None:
        from rasa.utils.tensorflow.models import RasaModel

        original = _original or RasaModel.load.__func__  # type: ignore[attr-defined]
        return original(  # type: ignore[no-any-return]
            cls, model_file_name, model_data_example, predict_data_example, finetune_mode,
            *args, **kwargs,
        )  # fmt: skip
    import tensorflow as tf

    logger.debug("Loading the model from %s without tracing its training step", model_file_name)
    model = cls(*args, **kwargs)
    learning_rate = kwargs.get("config", {}).get("learning_rate", 0.001)
    run_eagerly = kwargs.get("config", {}).get("run_eagerly")
    # as Rasa does, so the checkpoint's optimiser node has an object to match
    model.compile(optimizer=tf.keras.optimizers.Adam(learning_rate), run_eagerly=run_eagerly)
    model.predict_step(next(iter(_batches(predict_data_example)))[0])  # eager: the variables
    model.load_weights(model_file_name).expect_partial()  # the optimiser's stay unset
    # computed with the untrained weights: computed again (and traced) from here
    model.prepared_for_prediction = False
    model._tf_predict_step = None
    if run_eagerly or not in_background(os.environ):
        model.run_inference(predict_data_example)  # Rasa's warm-up: traces the prediction
    else:
        trace_in_background(model, predict_data_example)
    logger.debug("Finished loading the model.")
    return model


def in_background(env: Mapping[str, str]) -> bool:
    """Whether the prediction graph is traced in the background (``PATHWAYS_DIET_TRACE``)."""
    return env.get(TRACE_ENV, "background").strip().lower() != "at-load"


def trace_in_background(model: RasaModel, example: RasaModelData) -> threading.Thread:
    """Predict eagerly (Rasa's ``run_eagerly`` path) until a thread has traced the graph.

    The label embeddings are computed now; the thread traces Rasa's prediction function
    on ``example`` and only then switches the model to it. If tracing fails, the first
    prediction after that traces it as Rasa would.
    """
    import tensorflow as tf

    model.prepare_for_predict()
    model.prepared_for_prediction = True
    model._run_eagerly = True  # Rasa's own eager path in _rasa_predict

    def trace() -> None:
        started = time.perf_counter()
        try:
            batch = next(iter(_batches(example)))[0]
            function = tf.function(
                model.predict_step, input_signature=model._dynamic_signature(batch)
            )
            function(batch)  # traces
            model._tf_predict_step = function
        except Exception:  # the graph is traced on first use instead
            logger.exception("tracing DIET's prediction in the background failed")
            model._tf_predict_step = None
        model._run_eagerly = False
        logger.info("DIET's prediction graph traced in %.1f s", time.perf_counter() - started)

    thread = threading.Thread(target=trace, name="diet-trace", daemon=True)
    thread.start()
    return thread


def _batches(example: RasaModelData) -> Any:
    import rasa.utils.train_utils

    generator, _ = rasa.utils.train_utils.create_data_generators(
        model_data=example, batch_sizes=1, epochs=1, shuffle=False
    )
    return generator


def install(env: Optional[Mapping[str, str]] = None) -> bool:
    """Replace ``RasaModel.load`` with :func:`load`; return whether it is in place.

    Nothing changes when ``PATHWAYS_DIET_FAST_LOAD=0`` or when Rasa's ``load`` is not the
    code this patch was written against (a warning then names the digest found).
    """
    global _original
    from rasa.utils.tensorflow.models import RasaModel

    if not enabled(os.environ if env is None else env):
        return False
    if _original is not None:
        return True
    if not is_pinned(
        RasaModel.load.__func__, RASA_LOAD_SHA256,  # type: ignore[attr-defined]
        "bot/model_loading.py", "loading the model the slow way",
    ):  # fmt: skip
        return False
    _original = RasaModel.load.__func__  # type: ignore[attr-defined]
    RasaModel.load = classmethod(load)  # type: ignore[assignment,method-assign]
    return True


def uninstall() -> None:
    """Put Rasa's own ``RasaModel.load`` back (tests)."""
    global _original
    from rasa.utils.tensorflow.models import RasaModel

    if _original is not None:
        RasaModel.load = classmethod(_original)  # type: ignore[assignment,method-assign]
        _original = None
