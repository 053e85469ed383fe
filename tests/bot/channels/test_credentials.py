from __future__ import annotations

import stat
from pathlib import Path

import yaml

from bot.channels.credentials import credentials, enabled, write

TELEGRAM = {"TELEGRAM_TOKEN": "1:abc", "TELEGRAM_WEBHOOK_URL": "https://x.example/webhooks/telegram/webhook"}
TWILIO = {"TWILIO_ACCOUNT_SID": "AC1", "TWILIO_AUTH_TOKEN": "t", "TWILIO_NUMBER": "+441632960000",
          "TWILIO_WEBHOOK_URL": "https://x.example/webhooks/twilio/webhook"}  # fmt: skip


def test_nothing_set_means_rest_and_socketio_only() -> None:
    result, warnings = credentials({})
    assert set(result) == {"bot.channels.rest.RestInput", "bot.channels.socketio.SocketIOInput"}
    assert result["bot.channels.socketio.SocketIOInput"]["session_persistence"] is True
    assert warnings == [] and enabled({}) == []


def test_a_platform_is_on_when_its_variables_are_set() -> None:
    result, warnings = credentials({**TELEGRAM, **TWILIO, "TELEGRAM_API_URL": "http://127.0.0.1:9"})
    assert result["bot.channels.telegram.TelegramInput"] == {
        "access_token": "1:abc", "webhook_url": TELEGRAM["TELEGRAM_WEBHOOK_URL"],
        "api_url": "http://127.0.0.1:9"}  # fmt: skip
    assert result["bot.channels.twilio.TwilioInput"]["twilio_number"] == "+441632960000"
    assert "bot.channels.slack.SlackInput" not in result
    assert warnings == [] and enabled({**TELEGRAM, **TWILIO}) == ["Telegram", "Twilio"]


def test_half_a_platform_is_off_with_a_warning() -> None:
    result, warnings = credentials({"SLACK_TOKEN": "xoxb", "TWILIO_NUMBER": ""})
    assert "bot.channels.slack.SlackInput" not in result
    assert warnings == ["Slack is off: SLACK_SIGNING_SECRET not set"]


def test_the_file_is_for_its_owner_only(tmp_path: Path) -> None:
    out = tmp_path / "var" / "credentials.yml"
    write(TELEGRAM, out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert "bot.channels.telegram.TelegramInput" in yaml.safe_load(out.read_text())
