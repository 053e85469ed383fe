"""The one switch: PATHWAYS_PROFILE=scale moves every database to PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.tracker_store import tracker_url
from deploy.nginx import nginx_conf
from deploy.services import redis_conf
from storage.engine import database_url
from storage.profile import ProfileError, postgres_url, profile

ROOT = Path(__file__).resolve().parents[2]


def test_local_is_the_default_and_unknown_profiles_are_refused() -> None:
    assert profile({}) == "local"
    assert profile({"PATHWAYS_PROFILE": "scale"}) == "scale"
    with pytest.raises(ProfileError):
        profile({"PATHWAYS_PROFILE": "huge"})


def test_scale_profile_points_catalogue_and_tracker_at_postgres(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in ("CATALOGUE_URL", "TRACKER_STORE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PATHWAYS_PROFILE", "scale")
    monkeypatch.setenv("PATHWAYS_PG_PASSWORD", "p@ss/word")
    monkeypatch.setenv("PATHWAYS_PG_PORT", "6543")
    assert database_url() == (
        "postgresql+psycopg2://pathways:p%40ss%2Fword@127.0.0.1:6543/pathways"
    )
    assert tracker_url().endswith("@127.0.0.1:6543/pathways_conversations")
    monkeypatch.setenv("CATALOGUE_URL", "sqlite:///elsewhere.db")
    assert database_url() == "sqlite:///elsewhere.db", "an explicit URL wins"


def test_scale_profile_needs_a_password() -> None:
    with pytest.raises(ProfileError, match="PATHWAYS_PG_PASSWORD"):
        postgres_url(env={"PATHWAYS_PROFILE": "scale"})


def test_local_profile_keeps_sqlite(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("CATALOGUE_URL", "TRACKER_STORE_URL", "PATHWAYS_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    assert database_url().startswith("sqlite:///")
    assert tracker_url().startswith("sqlite:///")


def test_scale_endpoints_use_redis_locks_and_only_whole_variables() -> None:
    text = (ROOT / "bot" / "endpoints.scale.yml").read_text()
    endpoints = yaml.safe_load(text)
    assert endpoints["lock_store"]["type"] == "redis"
    assert endpoints["tracker_store"]["type"] == "bot.tracker_store.CheckedSQLTrackerStore"
    for section in endpoints.values():
        for value in section.values():
            if isinstance(value, dict):  # the action endpoint's headers
                continue
            value = str(value)
            if "${" in value:  # Rasa expands only a whole, unquoted ${VAR}
                assert value.startswith("${") and value.endswith("}") and ":-" not in value
    assert "${REDIS_PASSWORD}" in text
    # the action servers' shared token, as bot/endpoints.yml sends it
    headers = endpoints["action_endpoint"]["headers"]
    assert headers == {"Authorization": "Bearer ${ACTION_SERVER_TOKEN}"}


def test_generated_configs_listen_on_loopback_only(tmp_path: Path) -> None:
    conf = nginx_conf(tmp_path, 8080, 5150, (5105, 5106), (5155, 5156), None)
    listens = [line.split()[1] for line in conf.splitlines() if line.strip().startswith("listen")]
    assert listens == ["127.0.0.1:8080;", "127.0.0.1:5150;"]
    assert "ip_hash;" in conf and "proxy_set_header Upgrade $http_upgrade;" in conf
    redis = redis_conf(tmp_path, 6380, "secret")
    assert "bind 127.0.0.1\n" in redis and "protected-mode yes" in redis
    assert "requirepass secret" in redis


def test_the_rest_channel_is_routed_only_with_its_token(tmp_path: Path) -> None:
    closed = nginx_conf(tmp_path, 8080, 5150, (5105,), (5155,), None)
    assert "location /webhooks/rest/ {\n            return 404;" in closed
    opened = nginx_conf(tmp_path, 8080, 5150, (5105,), (5155,), None, rest=True)
    assert "location /webhooks/rest/" not in opened and "location /webhooks/ {" in opened


def test_only_the_catalogue_upload_may_send_more_than_128_kb(tmp_path: Path) -> None:
    conf = nginx_conf(tmp_path, 8080, 5150, (5105,), (5155,), 8000)
    assert "client_max_body_size 128k;" in conf
    upload = conf.split("location = /advisers/catalogue/upload {", 1)[1].split("}", 1)[0]
    assert "client_max_body_size 10m;" in upload and "proxy_pass http://web;" in upload
