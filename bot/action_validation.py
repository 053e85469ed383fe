"""Check the action server's answers with a schema compiled once: one patch of Rasa 3.6.

After every call of a custom action, Rasa 3.6 checks the answer against its schema of
events and responses (``RemoteAction._validate_action_result``) with
``jsonschema.validate``, which checks the *schema itself* and builds a new validator on
every call: about 30 ms of the Rasa server's CPU per turn on the demo network, more than
the whole NLU (docs/performance.md, "Where a turn's time goes"). :func:`validate_result`
checks the same answer against the same schema with one validator built at the first
call, raises the same ``ValidationError`` with the same message, and costs a few
milliseconds.

:func:`install` replaces the method only if it is still the code this was written
against (:data:`RASA_VALIDATE_SHA256`); otherwise it leaves Rasa alone and says so.
``PATHWAYS_FAST_ACTION_CHECK=0`` keeps Rasa's own. ``tests/bot/test_action_validation.py``
fails when Rasa's code changes, and checks that both accept and refuse the same answers.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, Callable, Dict, Mapping, Optional

from bot.rasa_code import is_pinned, source_sha256
from storage.switches import switched_on

if TYPE_CHECKING:
    from jsonschema.protocols import Validator

#: set to 0 to check answers with Rasa's own code
ENV = "PATHWAYS_FAST_ACTION_CHECK"
#: sha256 of the source of ``RemoteAction._validate_action_result`` (Rasa 3.6.21)
RASA_VALIDATE_SHA256 = "f8cdb4be6812396167ced74161b2ccd65c5ea676ad86d7d359d8c322d9d8dc42"

_original: Optional[Callable[..., Any]] = None
_validator: Optional[Validator] = None


def rasa_validate_digest() -> str:
    """sha256 of the source of Rasa's ``RemoteAction._validate_action_result``."""
    from rasa.core.actions.action import RemoteAction

    return source_sha256(RemoteAction._validate_action_result)


def validator() -> Validator:
    """The validator of Rasa's action response schema, built (and the schema checked) once."""
    global _validator
    if _validator is None:
        from jsonschema.validators import validator_for
        from rasa.core.actions.action import RemoteAction

        schema = RemoteAction.action_response_format_spec()
        cls = validator_for(schema)
        cls.check_schema(schema)
        _validator = cls(schema)
    return _validator


def validate_result(self: Any, result: Dict[str, Any]) -> bool:
    """Rasa's check of an action server answer, with the compiled validator.

    Raises:
        jsonschema.ValidationError: as Rasa's own does, with the same message.

    """
    from jsonschema.exceptions import best_match
    from rasa.shared.constants import DOCS_BASE_URL

    error = best_match(validator().iter_errors(result))
    if error is None:
        return True
    error.message += (
        f". Failed to validate Action server response from API, "
        f"make sure your response from the Action endpoint is valid. "
        f"For more information about the format visit "
        f"{DOCS_BASE_URL}/custom-actions"
    )
    raise error


def _original_or_rasa() -> Callable[..., Any]:
    """Rasa's own check, whether or not the patch is in place (tests compare the two)."""
    from rasa.core.actions.action import RemoteAction

    return _original or RemoteAction._validate_action_result


def install(env: Optional[Mapping[str, str]] = None) -> bool:
    """Replace Rasa's check with :func:`validate_result`; return whether it is in place."""
    global _original
    from rasa.core.actions.action import RemoteAction

    if not switched_on(os.environ if env is None else env, ENV):
        return False
    if _original is not None:
        return True
    if not is_pinned(
        RemoteAction._validate_action_result, RASA_VALIDATE_SHA256,
        "bot/action_validation.py", "checking action answers the slow way",
    ):  # fmt: skip
        return False
    _original = RemoteAction._validate_action_result
    RemoteAction._validate_action_result = validate_result  # type: ignore[method-assign]
    return True


def uninstall() -> None:
    """Put Rasa's own check back (tests)."""
    global _original
    from rasa.core.actions.action import RemoteAction

    if _original is not None:
        RemoteAction._validate_action_result = _original  # type: ignore[method-assign]
        _original = None
