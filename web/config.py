"""The web front's settings, read from the environment in one place (:meth:`WebConfig.from_env`)."""

from __future__ import annotations

import base64
import binascii
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping, Optional

from access.addresses import Proxies
from access.limits import storage_url
from storage import database_url

VAR_DIR = Path(__file__).resolve().parent.parent / "var"
#: where a generated session key is kept when ``WEB_SECRET_KEY`` is unset
DEFAULT_KEY_FILE = VAR_DIR / "web_secret.key"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_RASA_URL = "http://localhost:5005"
#: how often ``python -m web serve`` runs the insights job by default, in minutes
DEFAULT_INSIGHTS_MINUTES = 10.0


#: the fewest random bytes a session key has
MIN_KEY_BYTES = 32
#: how to make a good key, shown when the one given is refused
KEY_ADVICE = (
    "generate one with: python -c 'import secrets; print(secrets.token_urlsafe(32))' "
    "(or leave WEB_SECRET_KEY unset and one is generated into var/web_secret.key)"
)


class WeakSecretKey(ValueError):
    """``WEB_SECRET_KEY`` is not at least 32 random bytes (url-safe base64 or hex)."""


def _decode(text: str) -> Optional[bytes]:
    """The bytes of a hex or url-safe base64 (padded or not) key, or None."""
    if len(text) % 2 == 0 and all(c in "0123456789abcdefABCDEF" for c in text):
        return bytes.fromhex(text)
    if not all(c.isascii() and (c.isalnum() or c in "-_=") for c in text):
        return None
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (ValueError, binascii.Error):
        return None


def secret_key(text: str) -> bytes:
    """The session key's bytes from ``text``: at least 32 random bytes, hex or base64.

    A passphrase is refused, however long: the key signs session ids, and a guessable
    one lets anyone who guesses it forge them. So are keys whose bytes are visibly not
    random (fewer than 16 different values among them, or text of one letter case
    only, as words are).

    Raises:
        WeakSecretKey: with advice on making a good one.

    """
    value = text.strip()
    raw = _decode(value)
    if raw is None or len(raw) < MIN_KEY_BYTES:
        raise WeakSecretKey(
            f"WEB_SECRET_KEY must be at least {MIN_KEY_BYTES} random bytes, written in "
            f"url-safe base64 or hex, not a passphrase; {KEY_ADVICE}"
        )
    hexadecimal = all(c in "0123456789abcdefABCDEF" for c in value)
    mixed = sum(any(test(c) for c in value) for test in (str.islower, str.isupper, str.isdigit))
    if len(set(raw)) < 16 or (not hexadecimal and mixed < 2):
        raise WeakSecretKey(f"WEB_SECRET_KEY does not look random; {KEY_ADVICE}")
    return raw


def stored_key(path: Path) -> bytes:
    """The key kept in ``path``, created (mode 0600) with a new random key if missing."""
    if path.exists():
        return secret_key(path.read_text(encoding="utf-8"))
    path.parent.mkdir(parents=True, exist_ok=True)
    key = base64.urlsafe_b64encode(secrets.token_bytes(MIN_KEY_BYTES))
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(key + b"\n")
    return secret_key(key.decode("ascii"))


def _flag(value: Optional[str]) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class WebConfig:
    """Everything the web app needs to know; build it with :meth:`from_env` or by hand."""

    database_url: str
    #: at least 32 random bytes (:func:`secret_key`): session ids are kept as their
    #: HMAC under it
    secret_key: bytes
    rasa_url: str = DEFAULT_RASA_URL
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    #: mark the session cookie ``Secure`` (set when the console is served over https)
    secure_cookies: bool = False
    #: how long a console login lasts, in seconds
    session_max_age: int = 8 * 3600
    #: the public endpoints' limit per client address: requests per second, and burst
    rate_per_second: float = 10.0
    rate_burst: int = 60
    #: login backoff: failures of one account before wrong passwords are slowed, the
    #: first delay in seconds (doubled with each further failure) and the longest
    login_backoff_after: int = 3
    login_backoff_seconds: float = 1.0
    login_backoff_max_seconds: float = 30.0
    #: the network the catalogue API serves by default (None: every network)
    network: Optional[str] = None
    #: the proxies whose X-Forwarded-For is believed (``TRUSTED_PROXIES``)
    proxies: Proxies = field(default_factory=Proxies)
    #: the bearer token /metrics accepts from anywhere (else local clients only)
    metrics_token: Optional[str] = None
    #: where the rate limits count (``RATE_LIMIT_STORAGE_URL``; memory or Redis)
    rate_limit_storage: str = "memory://"
    #: the conversations the insights job reads (``TRACKER_STORE_URL``, else the profile's)
    tracker_url: str = ""
    #: how often the web front runs the insights job, in minutes (0: never;
    #: ``INSIGHTS_REFRESH_MINUTES``, 10 when read from the environment)
    insights_refresh_minutes: float = 0.0

    @classmethod
    def from_env(cls, env: Optional[Mapping[str, str]] = None) -> WebConfig:
        """Read the settings from ``env`` (default: the process environment).

        ``WEB_*``, ``RASA_URL``, ``CATALOGUE_URL``, ``PATHWAYS_NETWORK``,
        ``TRUSTED_PROXIES``, ``METRICS_TOKEN``, ``RATE_LIMIT_STORAGE_URL``,
        ``TRACKER_STORE_URL`` and ``INSIGHTS_REFRESH_MINUTES``.

        When ``WEB_SECRET_KEY`` is unset, a key is generated once and kept in
        ``WEB_SECRET_KEY_FILE`` (default ``var/web_secret.key``, mode 0600).

        Raises:
            WeakSecretKey: when the key given is not at least 32 random bytes.

        """
        env = os.environ if env is None else env
        secret = env.get("WEB_SECRET_KEY", "").strip()
        if secret:
            key = secret_key(secret)
        else:
            key = stored_key(Path(env.get("WEB_SECRET_KEY_FILE") or DEFAULT_KEY_FILE))
        url = env.get("CATALOGUE_URL", "").strip() or database_url()
        return cls(
            database_url=url,
            secret_key=key,
            rasa_url=env.get("RASA_URL", "").strip() or DEFAULT_RASA_URL,
            host=env.get("WEB_HOST", "").strip() or DEFAULT_HOST,
            port=int(env.get("WEB_PORT", "").strip() or DEFAULT_PORT),
            secure_cookies=_flag(env.get("WEB_SECURE_COOKIES")),
            rate_per_second=float(env.get("WEB_RATE_PER_SECOND", "").strip() or 10.0),
            rate_burst=int(env.get("WEB_RATE_BURST", "").strip() or 60),
            session_max_age=int(env.get("WEB_SESSION_MAX_AGE", "").strip() or 8 * 3600),
            login_backoff_after=int(env.get("WEB_LOGIN_BACKOFF_AFTER", "").strip() or 3),
            login_backoff_seconds=float(env.get("WEB_LOGIN_BACKOFF_SECONDS", "").strip() or 1.0),
            login_backoff_max_seconds=float(
                env.get("WEB_LOGIN_BACKOFF_MAX_SECONDS", "").strip() or 30.0
            ),
            network=env.get("PATHWAYS_NETWORK", "").strip() or None,
            proxies=Proxies.from_env(env),
            metrics_token=env.get("METRICS_TOKEN", "").strip() or None,
            rate_limit_storage=storage_url(env),
            tracker_url=env.get("TRACKER_STORE_URL", "").strip(),
            insights_refresh_minutes=float(
                env.get("INSIGHTS_REFRESH_MINUTES", "").strip() or DEFAULT_INSIGHTS_MINUTES
            ),
        )
