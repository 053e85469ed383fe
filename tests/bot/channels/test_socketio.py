from __future__ import annotations

from typing import Any

import pytest

from bot.channels.socketio import allowed_origins, session_id_of


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
