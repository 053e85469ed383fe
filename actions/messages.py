"""The texts the custom actions send, loaded lazily from ``messages.yml``."""

from __future__ import annotations

from abc import ABC, abstractmethod
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Dict, List, Optional

import yaml
from rasa_sdk import Action

if TYPE_CHECKING:
    from rasa_sdk import Tracker
    from rasa_sdk.executor import CollectingDispatcher
    from rasa_sdk.types import DomainDict

MESSAGES_FILE = Path(__file__).resolve().with_name("messages.yml")


@lru_cache(maxsize=1)
def _messages() -> Dict[str, Dict[str, Any]]:
    with MESSAGES_FILE.open(encoding="utf-8") as handle:
        loaded: Dict[str, Dict[str, Any]] = yaml.safe_load(handle)["messages"]
    return loaded


def keys() -> List[str]:
    """All message keys, sorted."""
    return sorted(_messages())


def text(key: str, **values: Any) -> str:
    """The text of message ``key`` with ``values`` filled in.

    Raises:
        KeyError: for an unknown key or a missing value.

    """
    template: str = _messages()[key]["text"]
    return template.format(**values)


def buttons(key: str) -> List[Dict[str, str]]:
    """The buttons of message ``key`` (copies, so callers may change them)."""
    return [dict(b) for b in _messages()[key].get("buttons", [])]


def say(
    dispatcher: CollectingDispatcher,
    key: str,
    extra_buttons: Optional[List[Dict[str, str]]] = None,
    custom: Optional[Dict[str, Any]] = None,
    **values: Any,
) -> None:
    """Send message ``key``: its text, its buttons (or ``extra_buttons``) and ``custom``.

    The key travels with the message as ``message_key`` (Rasa keeps it in the
    ``BotUttered`` metadata, as it keeps ``utter_action`` for domain responses), so
    tests and transcripts can tell the messages apart. The values a message lists
    under ``record`` in ``messages.yml`` (the learner's words for a course the
    catalogue lacks) travel with it as ``message_values``, for the demand insights.
    """
    recorded = {name: values[name] for name in _messages()[key].get("record", ())
                if name in values}  # fmt: skip
    dispatcher.utter_message(
        text=text(key, **values),
        buttons=extra_buttons if extra_buttons is not None else buttons(key),
        json_message=custom,
        message_key=key,
        **({"message_values": recorded} if recorded else {}),
    )


class AskAction(Action, ABC):
    """Asks for a form slot with message ``message_key`` (``action_ask_<slot>``)."""

    @property
    @abstractmethod
    def message_key(self) -> str:
        """The key in ``messages.yml`` of the question (subclasses set it)."""

    def name(self) -> str:
        """Name of the action: ``action_`` + the message key."""
        return f"action_{self.message_key}"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[Dict[str, Any]]:
        """Send the question."""
        say(dispatcher, self.message_key)
        return []
