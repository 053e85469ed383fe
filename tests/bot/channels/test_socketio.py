from __future__ import annotations

from typing import Any, Dict, List, Tuple

import engineio
import pytest

from bot.channels.socketio import (
    OriginCheckedServer,
    SocketIOOutput,
    allowed_origins,
    session_id_of,
)


@pytest.mark.parametrize(
    ("data", "session"),
    [({"session_id": "a" * 32}, "a" * 32), ({"session_id": "short"}, "short"),
     ({"session_id": 5}, None), ("a" * 32, None), (None, None)],
)  # fmt: skip
def test_session_id_of(data: Any, session: Any) -> None:
    assert session_id_of(data) == session


def test_the_origins_are_the_configured_ones_and_never_an_empty_list() -> None:
    # python-socketio turns the origin check off for []
    assert allowed_origins({}) is None
    assert allowed_origins({"RASA_CORS_ORIGINS": "  "}) is None
    assert allowed_origins({"RASA_CORS_ORIGINS": "https://a.example http://b.example:8000"}) == [
        "https://a.example", "http://b.example:8000"]  # fmt: skip



def test_engine_io_checks_origins_but_leaves_the_cors_headers_to_rasa() -> None:
    # the hook we override must still exist in engine.io (else headers are sent twice)
    assert callable(getattr(engineio.AsyncServer, "_cors_headers", None))
    sio = OriginCheckedServer(async_mode="sanic", cors_allowed_origins=["https://a.example"])
    environ = {"HTTP_ORIGIN": "https://a.example", "REQUEST_METHOD": "GET"}
    assert engineio.AsyncServer._cors_headers(sio.eio, environ)  # engine.io's own would
    assert sio.eio._cors_headers(environ) == []
    assert sio.eio._cors_allowed_origins(environ) == ["https://a.example"]


class RecordingServer:
    """Stands in for python-socketio's server: records what is emitted, and to whom."""

    def __init__(self) -> None:
        self.emitted: List[Tuple[str, Dict[str, Any], str]] = []

    async def emit(self, event: str, data: Dict[str, Any], room: str) -> None:
        self.emitted.append((event, data, room))


CARD = {"type": "pathways.route", "position": 2,
        "route": {"steps": [{"title": "FdSc Robotics", "institution": "Wolds University",
                             "level": 5}], "contact": None, "score": 1.0, "why": ""}}  # fmt: skip
BUTTONS = [{"title": "More about 2", "payload": '/ask_details{"ordinal": "2"}'},
           {"title": "I'm interested", "payload": '/route_interest{"ordinal": "2"}'}]  # fmt: skip


async def test_a_route_card_goes_alone_with_its_buttons_and_without_its_text() -> None:
    server = RecordingServer()
    text = "2. FdSc Robotics at Wolds University (level 5). Then: ..."
    await SocketIOOutput(server, "bot_uttered").send_response(
        "room-1", {"text": text, "buttons": BUTTONS, "custom": CARD}
    )
    assert len(server.emitted) == 1, "the route is shown once: as the card"
    event, data, room = server.emitted[0]
    assert (event, room) == ("bot_uttered", "room-1")
    assert data["custom"] == CARD
    assert "text" not in data
    assert [(b["title"], b["payload"]) for b in data["quick_replies"]] == [
        (b["title"], b["payload"]) for b in BUTTONS
    ]


async def test_text_and_other_custom_payloads_go_as_before() -> None:
    server = RecordingServer()
    output = SocketIOOutput(server, "bot_uttered")
    await output.send_response("room-1", {"text": "Hello", "custom": {"type": "other"}})
    assert [data for _e, data, _r in server.emitted] == [
        {"text": "Hello"}, {"custom": {"type": "other"}}
    ]
