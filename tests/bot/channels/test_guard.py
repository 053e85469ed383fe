"""The guard with Rasa's own channel classes and a handler standing in for Rasa's agent."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, List, Optional

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from bot.channels import replies
from bot.channels.guard import guarded, session_started

DOMAIN_TEXTS = {
    replies.SOMETHING_WENT_WRONG: "Sorry, from the domain.",
    replies.TOO_LONG: "Too long, from the domain.",
    replies.EMPTY: "Empty, from the domain.",
}


def agent() -> Any:
    """Something shaped like a Rasa agent: ``agent.domain.responses``."""
    responses = {name: [{"text": text}] for name, text in DOMAIN_TEXTS.items()}
    return SimpleNamespace(domain=SimpleNamespace(responses=responses))


class Handler:
    """Rasa's ``on_new_message``: records what it was given, answers or not."""

    def __init__(self, answer: Optional[str] = "hello", fail: bool = False) -> None:
        self.answer, self.fail = answer, fail
        self.seen: List[str] = []

    async def __call__(self, message: UserMessage) -> None:
        self.seen.append(message.text or "")
        if self.fail:
            raise RuntimeError("the action server is down")
        if self.answer:
            await message.output_channel.send_response(message.sender_id, {"text": self.answer})


async def run(handler: Handler, text: str, with_agent: bool = True) -> List[str]:
    out = CollectingOutputChannel()
    await guarded(handler, agent if with_agent else lambda: None)(UserMessage(text, out, "me"))
    return [m["text"] for m in out.messages]


async def test_a_message_is_cleaned_and_answered() -> None:
    handler = Handler()
    assert await run(handler, "hi\x00 there\u200b") == ["hello"]
    assert handler.seen == ["hi there"]


@pytest.mark.parametrize(
    ("text", "reply"),
    [("", DOMAIN_TEXTS[replies.EMPTY]), ("\x00\x01", DOMAIN_TEXTS[replies.EMPTY]),
     ("x" * 100_000, DOMAIN_TEXTS[replies.TOO_LONG])],
)  # fmt: skip
async def test_empty_and_long_messages_are_not_read(text: str, reply: str) -> None:
    handler = Handler()
    assert await run(handler, text) == [reply]
    assert handler.seen == []


@pytest.mark.parametrize("handler", [Handler(answer=None), Handler(fail=True)])
async def test_silence_becomes_the_domain_apology(handler: Handler) -> None:
    assert await run(handler, "hi") == [DOMAIN_TEXTS[replies.SOMETHING_WENT_WRONG]]


async def test_without_a_domain_the_built_in_texts_are_used() -> None:
    assert await run(Handler(answer=None), "hi", with_agent=False) == [
        replies.BUILT_IN[replies.SOMETHING_WENT_WRONG]
    ]


def test_a_session_counts_as_started_only_after_the_last_restart() -> None:
    from rasa.shared.core.events import ActionExecuted, Restarted, SessionStarted, UserUttered

    started = [ActionExecuted("action_session_start"), SessionStarted(),
               ActionExecuted("action_listen"), UserUttered("hi")]  # fmt: skip
    failed = [ActionExecuted("action_session_start"), UserUttered("hi")]
    assert session_started(started)
    assert not session_started(failed)
    assert not session_started([])
    assert not session_started([*started, Restarted(), *failed])
    assert session_started([*failed, Restarted(), *started])


async def test_the_conversation_is_namespaced_and_replies_use_the_channels_id() -> None:
    seen: List[str] = []

    async def handler(message: UserMessage) -> None:
        seen.append(message.sender_id)
        await message.output_channel.send_response(message.sender_id, {"text": "hi"})

    out = CollectingOutputChannel()
    spoof = UserMessage("hi", out, "whatsapp:+447700900999", input_channel="rest")
    await guarded(handler, agent)(spoof)
    assert seen == ["rest:whatsapp:+447700900999"]
    assert out.messages[0]["recipient_id"] == "whatsapp:+447700900999"
