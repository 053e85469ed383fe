from __future__ import annotations

import json
from typing import Any, Dict, List, Tuple

import pytest
from rasa.core.channels.channel import UserMessage
from sanic.compat import Header

from bot.channels.guard import guarded
from bot.channels.metadata import CLIENT_KEY
from bot.channels.rest import BadRequest, RestInput, parse


def test_a_good_request() -> None:
    assert parse(b'{"sender": "me", "message": "hi", "metadata": {"a": 1}}') == {
        "sender": "me", "message": "hi", "metadata": {"a": 1}}  # fmt: skip
    assert parse(b'{"sender": "me", "message": ""}')["message"] == ""


@pytest.mark.parametrize(
    "body",
    [b"", b"null", b"[]", b"{bad", b"\xff\xfe", b'"text"', b"{}", b'{"message": "hi"}',
     b'{"sender": null, "message": "hi"}', b'{"sender": 1, "message": "hi"}',
     b'{"sender": "", "message": "hi"}', b'{"sender": "me", "message": 1}',
     b'{"sender": "me", "message": null}', b'{"sender": "me", "message": ["hi"]}',
     b'{"sender": "me", "message": "hi", "metadata": []}'],
)  # fmt: skip
def test_bad_requests(body: bytes) -> None:
    with pytest.raises(BadRequest):
        parse(body)


class Request:
    """What the channel reads of a Sanic request."""

    def __init__(self, body: Dict[str, Any], ip: str = "127.0.0.1",
                 **headers: str) -> None:  # fmt: skip
        self.body = json.dumps(body).encode()
        self.ip = ip
        self.headers = Header({k.replace("_", "-"): v for k, v in headers.items()})


class Agent:
    """Rasa's ``on_new_message``: records the message and answers through the guard's output."""

    def __init__(self) -> None:
        self.seen: List[UserMessage] = []

    async def __call__(self, message: UserMessage) -> None:
        self.seen.append(message)
        await message.output_channel.send_response(message.sender_id, {"text": "hello"})


ENV = {"CHANNEL_RATE_PER_CONVERSATION": "2 per minute", "CHANNEL_RATE_PER_ADDRESS": "3 per minute",
       "CHANNEL_SECRET": "test secret", "TRUSTED_PROXIES": "10.0.0.1"}  # fmt: skip


def channel(**env: str) -> Tuple[RestInput, Agent, Any]:
    rest = RestInput(env={**ENV, **env})
    agent = Agent()
    return rest, agent, guarded(agent, lambda: None)


async def call(rest: RestInput, handle: Any, request: Request) -> Tuple[int, Any]:
    answer = await rest.answer(request, handle)  # type: ignore[arg-type]
    return answer.status, json.loads(answer.body)


async def test_the_token_is_required_when_set() -> None:
    rest, agent, handle = channel(REST_CHANNEL_TOKEN="s3cret")
    body = {"sender": "me", "message": "hi"}
    assert (await call(rest, handle, Request(body)))[0] == 401
    assert (await call(rest, handle, Request(body, Authorization="Bearer nope")))[0] == 401
    assert (await call(rest, handle, Request(body, Authorization="Bearer s3cret")))[0] == 200
    assert len(agent.seen) == 1


async def test_the_sender_is_namespaced_and_the_answer_keeps_it() -> None:
    rest, agent, handle = channel()
    status, answer = await call(rest, handle, Request({"sender": "whatsapp:+447700900999",
                                                       "message": "hi"}))  # fmt: skip
    assert status == 200 and answer == [{"recipient_id": "whatsapp:+447700900999",
                                         "text": "hello"}]  # fmt: skip
    assert agent.seen[0].sender_id == "rest:whatsapp:+447700900999"


async def test_a_conversation_over_its_rate_gets_429_not_read() -> None:
    rest, agent, handle = channel()
    body = {"sender": "me", "message": "hi"}
    forwarded = {"X_Forwarded_For": "203.0.113.5"}
    statuses = [(await call(rest, handle, Request(body, ip="10.0.0.1", **forwarded)))[0]
                for _ in range(3)]  # fmt: skip
    assert statuses == [200, 200, 429] and len(agent.seen) == 2
    local = [(await call(rest, handle, Request(body)))[0] for _ in range(5)]
    assert local == [200] * 5  # the operator's own tools on loopback


async def test_metadata_is_cut_to_known_keys_plus_the_client_pseudonym() -> None:
    rest, agent, handle = channel()
    body = {"sender": "me", "message": "hi",
            "metadata": {"padding": "x" * 10_000, "locale": "en-GB", CLIENT_KEY: "forged"}}
    await call(rest, handle, Request(body, ip="10.0.0.1", X_Forwarded_For="203.0.113.5"))
    metadata = agent.seen[0].metadata
    assert set(metadata) == {"locale", CLIENT_KEY} and metadata[CLIENT_KEY] != "forged"
    await call(rest, handle, Request(body))  # local: no pseudonym
    assert agent.seen[1].metadata == {"locale": "en-GB"}
