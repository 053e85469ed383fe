"""Our patches of Rasa 3.6 are pinned to the code they replace, by a digest of its source.

``bot/model_loading.py`` and ``bot/action_validation.py`` each replace one function of
Rasa's only while that function's source is still the one they were written against:
:func:`source_sha256` is that digest, and :func:`is_pinned` compares it and says so in
the log when Rasa's code has changed (the patch then stays out).
"""

from __future__ import annotations

import hashlib
import inspect
import logging
from typing import Any, Callable

logger = logging.getLogger(__name__)


def source_sha256(function: Callable[..., Any]) -> str:
    """sha256 of ``function``'s source as installed now."""
    return hashlib.sha256(inspect.getsource(function).encode("utf-8")).hexdigest()


def is_pinned(function: Callable[..., Any], expected: str, patch: str, otherwise: str) -> bool:
    """Whether ``function``'s source has the digest ``expected``; if not, a warning.

    ``patch`` is the module that would replace it, ``otherwise`` what happens instead.
    """
    digest = source_sha256(function)
    if digest == expected:
        return True
    logger.warning(
        "%s is not the code %s patches (sha256 %s): %s",
        function.__qualname__, patch, digest, otherwise,
    )  # fmt: skip
    return False
