"""The credentials file: ``bot/credentials.yml`` plus the messaging channels switched on.

Rasa expands ``${VAR}`` in credentials but leaves an unset one as the literal text, so
a platform cannot be switched off by leaving its variables unset there. Instead
``python -m bot.channels credentials --out var/credentials.yml`` (run by
``tools/rasa_server.sh``) writes the file: a platform is on when all its required
variables are set, off when none is, and off with a warning when only some are.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Tuple

import yaml

BASE = Path(__file__).resolve().parent.parent / "credentials.yml"


class Platform:
    """A messaging channel, its class, and its variables (credential key: variable)."""

    def __init__(self, name: str, channel: str, required: Dict[str, str],
                 optional: Dict[str, str]) -> None:  # fmt: skip
        self.name = name
        self.channel = channel
        self.required = required
        self.optional = optional

    def section(self, env: Mapping[str, str]) -> Tuple[Optional[Dict[str, Any]], List[str]]:
        """The platform's credentials from ``env`` (None if off), and the variables missing."""
        missing = [var for var in self.required.values() if not env.get(var)]
        if missing:
            return None, missing
        section = {key: env[var] for key, var in self.required.items()}
        section.update({key: env[var] for key, var in self.optional.items() if env.get(var)})
        return section, []


PLATFORMS = [
    Platform("Telegram", "bot.channels.telegram.TelegramInput",
             {"access_token": "TELEGRAM_TOKEN", "webhook_url": "TELEGRAM_WEBHOOK_URL"},
             {"api_url": "TELEGRAM_API_URL"}),
    Platform("Slack", "bot.channels.slack.SlackInput",
             {"slack_token": "SLACK_TOKEN", "slack_signing_secret": "SLACK_SIGNING_SECRET"},
             {"slack_channel": "SLACK_CHANNEL", "api_url": "SLACK_API_URL"}),
    Platform("Facebook Messenger", "bot.channels.facebook.FacebookInput",
             {"verify": "FACEBOOK_VERIFY", "secret": "FACEBOOK_SECRET",
              "page-access-token": "FACEBOOK_PAGE_ACCESS_TOKEN"}, {}),
    Platform("Twilio", "bot.channels.twilio.TwilioInput",
             {"account_sid": "TWILIO_ACCOUNT_SID", "auth_token": "TWILIO_AUTH_TOKEN",
              "twilio_number": "TWILIO_NUMBER", "webhook_url": "TWILIO_WEBHOOK_URL"},
             {"api_url": "TWILIO_API_URL"}),
]  # fmt: skip


def credentials(env: Mapping[str, str]) -> Tuple[Dict[str, Any], List[str]]:
    """The credentials for ``env``, and warnings about half-configured platforms."""
    with BASE.open(encoding="utf-8") as handle:
        result: Dict[str, Any] = yaml.safe_load(handle) or {}
    warnings = []
    for platform in PLATFORMS:
        section, missing = platform.section(env)
        if section is not None:
            result[platform.channel] = section
        elif len(missing) < len(platform.required):
            warnings.append(f"{platform.name} is off: {', '.join(missing)} not set")
    return result, warnings


def write(env: Mapping[str, str], out: Optional[Path]) -> List[str]:
    """Write the credentials for ``env`` to ``out`` (readable by its owner only) or stdout."""
    result, warnings = credentials(env)
    text = "# written by `python -m bot.channels credentials`; do not edit\n" + yaml.safe_dump(
        result, sort_keys=False
    )
    if out is None:
        sys.stdout.write(text)
    else:
        out.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.chmod(out, 0o600)
    return warnings


def enabled(env: Mapping[str, str]) -> List[str]:
    """The names of the platforms ``env`` switches on."""
    return [p.name for p in PLATFORMS if p.section(env)[0] is not None]
