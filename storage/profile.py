"""The deployment profile: ``PATHWAYS_PROFILE=scale`` moves every database to PostgreSQL.

``local`` (the default) keeps the catalogue, the enquiries and the conversations in
SQLite files under ``var/``. ``scale`` points all three at one PostgreSQL server: the
catalogue and the enquiries share the database ``PATHWAYS_PG_DATABASE`` (default
``pathways``), the conversations (Rasa's tracker store) live in
``PATHWAYS_PG_TRACKER_DATABASE`` (default ``pathways_conversations``). An explicit
``CATALOGUE_URL`` or ``TRACKER_STORE_URL`` still wins over the profile.

The Rasa side of the switch (the Redis lock store) is ``bot/endpoints.scale.yml``,
chosen by ``tools/rasa_server.sh`` when the profile is ``scale``.
"""

from __future__ import annotations

import os
from typing import Mapping, Optional
from urllib.parse import quote

PROFILE_ENV = "PATHWAYS_PROFILE"
PROFILES = ("local", "scale")
#: PostgreSQL settings of the scale profile: variable -> default (None: required)
PG_SETTINGS: Mapping[str, Optional[str]] = {
    "PATHWAYS_PG_HOST": "127.0.0.1",
    "PATHWAYS_PG_PORT": "55432",
    "PATHWAYS_PG_USER": "pathways",
    "PATHWAYS_PG_PASSWORD": None,
    "PATHWAYS_PG_DATABASE": "pathways",
    "PATHWAYS_PG_TRACKER_DATABASE": "pathways_conversations",
}


class ProfileError(ValueError):
    """The profile is unknown, or a setting it needs is missing."""


def profile(env: Optional[Mapping[str, str]] = None) -> str:
    """The profile named by ``PATHWAYS_PROFILE`` (``local`` when unset).

    Raises:
        ProfileError: for a name that is not a profile.

    """
    name = (env if env is not None else os.environ).get(PROFILE_ENV, "").strip() or "local"
    if name not in PROFILES:
        raise ProfileError(f"{PROFILE_ENV}={name!r} is not one of {', '.join(PROFILES)}")
    return name


def is_scale(env: Optional[Mapping[str, str]] = None) -> bool:
    """True when the scale profile is on."""
    return profile(env) == "scale"


def pg_setting(name: str, env: Optional[Mapping[str, str]] = None) -> str:
    """One PostgreSQL setting of the scale profile (see :data:`PG_SETTINGS`).

    Raises:
        ProfileError: if a required setting is unset.

    """
    value = (env if env is not None else os.environ).get(name, "").strip() or PG_SETTINGS[name]
    if value is None:
        raise ProfileError(f"the scale profile needs {name}")
    return value


def postgres_url(tracker: bool = False, env: Optional[Mapping[str, str]] = None) -> str:
    """The scale profile's PostgreSQL URL: the catalogue's (with ``tracker``: conversations')."""
    database = "PATHWAYS_PG_TRACKER_DATABASE" if tracker else "PATHWAYS_PG_DATABASE"
    user = quote(pg_setting("PATHWAYS_PG_USER", env), safe="")
    password = quote(pg_setting("PATHWAYS_PG_PASSWORD", env), safe="")
    host, port = pg_setting("PATHWAYS_PG_HOST", env), pg_setting("PATHWAYS_PG_PORT", env)
    return (
        f"postgresql+psycopg2://{user}:{password}@{host}:{port}/{pg_setting(database, env)}"
    )
