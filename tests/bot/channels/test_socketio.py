from __future__ import annotations

from typing import Any

import engineio
import pytest

from bot.channels.socketio import OriginCheckedServer, allowed_origins, session_id_of


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
