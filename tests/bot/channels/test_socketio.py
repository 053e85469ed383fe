from __future__ import annotations

from typing import Any

import pytest

from bot.channels.socketio import session_id_of


@pytest.mark.parametrize(
    ("data", "session"),
    [({"session_id": "a" * 32}, "a" * 32), ({"session_id": "short"}, None),
     ({"session_id": "x" * 65}, None), ({"session_id": "../../etc"}, None),
     ({"session_id": 5}, None), ("a" * 32, None), (None, None)],
)  # fmt: skip
def test_session_id_of(data: Any, session: Any) -> None:
    assert session_id_of(data) == session
