from __future__ import annotations

from pathlib import Path

import pytest

from bot.channels.identity import SessionSigner, channel_secret, conversation_id, local_id


@pytest.mark.parametrize(
    ("channel", "sender", "stored"),
    [("rest", "me", "rest:me"), ("rest", "whatsapp:+447700900999", "rest:whatsapp:+447700900999"),
     ("twilio", "whatsapp:+447700900999", "twilio:whatsapp:+447700900999"),
     ("telegram", "12345", "telegram:12345")],
)  # fmt: skip
def test_conversations_are_namespaced_by_channel(channel: str, sender: str, stored: str) -> None:
    assert conversation_id(channel, sender) == stored
    assert local_id(channel, stored) == sender


def test_a_signed_session_is_confirmed_and_nothing_else_is() -> None:
    signer = SessionSigner(b"secret one")
    session, token = signer.new()
    assert signer.session(token) == session
    assert token.startswith(session + ".")
    other = SessionSigner(b"secret two")
    assert other.session(token) is None  # another server's secret
    forged = session + "." + "A" * 22
    assert signer.session(forged) is None
    assert signer.session(session) is None  # the bare id (as stored) is not enough
    for junk in (None, 5, "", ".", "a.b.c", "x" * 200):
        assert signer.session(junk) is None
    assert signer.new()[0] != session


def test_the_client_key_is_a_pseudonym_stable_per_secret() -> None:
    signer = SessionSigner(b"secret")
    key = signer.client_key("203.0.113.5")
    assert key == signer.client_key("203.0.113.5") != signer.client_key("203.0.113.6")
    assert "203" not in key and SessionSigner(b"other").client_key("203.0.113.5") != key


def test_the_secret_is_set_or_generated_once(tmp_path: Path) -> None:
    assert channel_secret({"CHANNEL_SECRET": " s3cret "}) == b"s3cret"
    file = tmp_path / "var" / "channel.key"
    first = channel_secret({"CHANNEL_SECRET_FILE": str(file)})
    assert len(first) >= 32 and file.stat().st_mode & 0o777 == 0o600
    assert channel_secret({"CHANNEL_SECRET_FILE": str(file)}) == first
