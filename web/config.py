"""The web front's settings, read from the environment in one place (:meth:`WebConfig.from_env`)."""

from __future__ import annotations

import base64
import hashlib
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


def fernet_key(secret: str) -> bytes:
    """A Fernet key (url-safe base64 of 32 bytes) from ``secret``.

    A secret that already is such a key is used as it is; any other text is hashed
    (SHA-256) into one, so a long random passphrase works too.
    """
    raw = secret.strip().encode("utf-8")
    try:
        if len(base64.urlsafe_b64decode(raw)) == 32 and len(raw) == 44:
            return raw
    except ValueError:
        pass
    return base64.urlsafe_b64encode(hashlib.sha256(raw).digest())


def stored_key(path: Path) -> bytes:
    """The key kept in ``path``, created (mode 0600) with a new random key if missing."""
    if path.exists():
        return fernet_key(path.read_text(encoding="utf-8"))
    path.parent.mkdir(parents=True, exist_ok=True)
    key = base64.urlsafe_b64encode(secrets.token_bytes(32))
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(key + b"\n")
    return key


def _flag(value: Optional[str]) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class WebConfig:
    """Everything the web app needs to know; build it with :meth:`from_env` or by hand."""

    database_url: str
    #: a Fernet key (url-safe base64 of 32 bytes); see :func:`fernet_key`
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
    #: failed logins allowed per client address and email within the window
    login_max_failures: int = 5
    login_window_seconds: float = 300.0
    #: the network the catalogue API serves by default (None: every network)
    network: Optional[str] = None
    #: the proxies whose X-Forwarded-For is believed (``TRUSTED_PROXIES``)
    proxies: Proxies = field(default_factory=Proxies)
    #: the bearer token /metrics accepts from anywhere (else local clients only)
    metrics_token: Optional[str] = None
    #: where the rate limits count (``RATE_LIMIT_STORAGE_URL``; memory or Redis)
    rate_limit_storage: str = "memory://"

    @classmethod
    def from_env(cls, env: Optional[Mapping[str, str]] = None) -> WebConfig:
        """Read the settings from ``env`` (default: the process environment).

        ``WEB_*``, ``RASA_URL``, ``CATALOGUE_URL``, ``PATHWAYS_NETWORK``,
        ``TRUSTED_PROXIES``, ``METRICS_TOKEN`` and ``RATE_LIMIT_STORAGE_URL``.

        When ``WEB_SECRET_KEY`` is unset, a key is generated once and kept in
        ``WEB_SECRET_KEY_FILE`` (default ``var/web_secret.key``, mode 0600).
        """
        env = os.environ if env is None else env
        secret = env.get("WEB_SECRET_KEY", "").strip()
        if secret:
            key = fernet_key(secret)
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
            network=env.get("PATHWAYS_NETWORK", "").strip() or None,
            proxies=Proxies.from_env(env),
            metrics_token=env.get("METRICS_TOKEN", "").strip() or None,
            rate_limit_storage=storage_url(env),
        )
