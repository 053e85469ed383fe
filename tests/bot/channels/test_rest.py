from __future__ import annotations

import pytest

from bot.channels.rest import BadRequest, parse


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
