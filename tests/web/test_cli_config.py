"""The command line (advisers add/list/disable, serve) and the settings."""

from __future__ import annotations

import io
import stat
from pathlib import Path
from typing import List
from urllib.parse import urlparse

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from enquiries.models import Adviser
from storage import make_engine
from web.__main__ import main
from web.config import DEFAULT_HOST, WeakSecretKey, WebConfig, secret_key
from web.security import PasswordHasher


def run(url: str, args: List[str], stdin: str = "") -> int:
    return main(["--db", url, *args], stdin=io.StringIO(stdin))


def test_advisers_add_list_disable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    add = ["advisers", "add", "--email", "Ada@Example.ac.uk", "--name", "Ada", "--role",
           "adviser", "--institution", "northgate", "--password-stdin"]  # fmt: skip
    assert run(url, add, "a long enough secret\n") == 0
    assert run(url, add, "a long enough secret\n") == 1  # the email is taken
    assert run(url, [*add[:-3], "--password-stdin"], "short\n") == 1
    no_place = ["advisers", "add", "--email", "x@example.ac.uk", "--name", "X",
                "--password-stdin"]  # fmt: skip
    assert run(url, no_place, "a long enough secret\n") == 1  # an adviser needs a place
    coordinator = ["advisers", "add", "--email", "c@example.ac.uk", "--name", "C",
                   "--role", "coordinator", "--password-stdin"]  # fmt: skip
    assert run(url, coordinator, "another long secret\n") == 0
    capsys.readouterr()
    assert run(url, ["advisers", "list"]) == 0
    listing = capsys.readouterr().out
    assert "ada@example.ac.uk" in listing and "(network)" in listing
    assert "secret" not in listing
    reset = ["advisers", "reset-password", "c@example.ac.uk", "--password-stdin"]
    assert run(url, reset, "short\n") == 1
    assert run(url, reset, "a third long secret\n") == 0
    assert run(url, ["advisers", "reset-password", "nobody@example.ac.uk"]) == 1
    assert run(url, ["advisers", "disable", "ada@example.ac.uk"]) == 0
    assert run(url, ["advisers", "disable", "nobody@example.ac.uk"]) == 1

    engine = make_engine(url)
    with Session(engine, future=True) as s:
        ada = s.execute(select(Adviser).where(Adviser.email == "ada@example.ac.uk")).scalar_one()
        assert ada.active is False
        assert ada.password_hash.startswith("$argon2id$")
        assert PasswordHasher().verify(ada.password_hash, "a long enough secret")
    engine.dispose()


def test_settings_from_the_environment(tmp_path: Path) -> None:
    key_file = tmp_path / "var" / "key"
    config = WebConfig.from_env({"WEB_SECRET_KEY_FILE": str(key_file)})
    assert config.host == DEFAULT_HOST == "127.0.0.1"
    assert config.port == 8000
    assert config.secure_cookies is False
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    again = WebConfig.from_env({"WEB_SECRET_KEY_FILE": str(key_file)})
    assert again.secret_key == config.secret_key  # generated once, then kept

    given = WebConfig.from_env(
        {
            "WEB_SECRET_KEY": STRONG,
            "WEB_HOST": "0.0.0.0",
            "WEB_PORT": "9001",
            "WEB_SECURE_COOKIES": "1",
            "RASA_URL": "https://chat.example.ac.uk",
            "CATALOGUE_URL": "sqlite:////tmp/x.db",
        }
    )
    assert given.secret_key == bytes.fromhex(STRONG)
    assert (given.host, given.port, given.secure_cookies) == ("0.0.0.0", 9001, True)
    assert given.rasa_url == "https://chat.example.ac.uk"
    assert given.database_url == "sqlite:////tmp/x.db"


def _listening_addresses(port: int) -> List[str]:
    """Local addresses listening on ``port`` (Linux /proc/net/tcp and tcp6)."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, port_hex = local.rsplit(":", 1)
            if state == "0A" and int(port_hex, 16) == port:
                found.append(address)
    return found


def test_the_server_listens_on_loopback_only_by_default(served: str) -> None:
    port = urlparse(served).port
    assert port is not None
    addresses = _listening_addresses(port)
    if not addresses:
        pytest.skip("no /proc/net/tcp here")
    assert addresses == ["0100007F"], addresses  # 127.0.0.1, and nothing else


STRONG = "5f0c3a9e8d7b6a5f4e3d2c1b0a99887766554433221100ffeeddccbbaa998877"


@pytest.mark.parametrize(
    "weak",
    [
        "changeme", "a passphrase", "served test secret",
        "correct horse battery staple correct horse battery staple",  # long, but words
        "00" * 32, "ab" * 32,  # hex, but not random
        "c2hvcnQ",  # base64, but 5 bytes
        "changemechangemechangemechangemechangemechang",  # base64 letters of one case
    ],
)
def test_a_weak_secret_key_is_refused_with_advice(weak: str) -> None:
    with pytest.raises(WeakSecretKey, match=r"secrets\.token_urlsafe"):
        WebConfig.from_env({"WEB_SECRET_KEY": weak})


def test_strong_keys_in_hex_or_base64_are_accepted() -> None:
    import base64
    import secrets

    raw = secrets.token_bytes(32)
    assert secret_key(raw.hex()) == raw
    assert secret_key(base64.urlsafe_b64encode(raw).decode()) == raw
    assert secret_key(base64.urlsafe_b64encode(raw).decode().rstrip("=")) == raw
    assert secret_key(STRONG) == bytes.fromhex(STRONG)


def test_the_server_refuses_to_start_with_a_weak_key(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "WEB_SECRET_KEY": "changeme", "CATALOGUE_URL": f"sqlite:///{tmp_path}/x.db"}
    done = subprocess.run([sys.executable, "-m", "web", "serve", "--port", "0"], env=env,
                          capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    assert done.returncode != 0
    assert "WEB_SECRET_KEY must be at least 32 random bytes" in done.stderr
    assert "Traceback" not in done.stderr


def test_proxy_metrics_and_limit_settings_from_the_environment(tmp_path: Path) -> None:
    from web.config import WebConfig

    env = {"WEB_SECRET_KEY": STRONG, "CATALOGUE_URL": "sqlite:///x.db",
           "TRUSTED_PROXIES": "127.0.0.1/32 10.0.0.0/8", "METRICS_TOKEN": " t ",
           "RATE_LIMIT_STORAGE_URL": "redis://r:6379/3"}  # fmt: skip
    config = WebConfig.from_env(env)
    assert config.proxies.trusts("10.1.2.3") and not config.proxies.trusts("192.0.2.1")
    assert config.metrics_token == "t" and config.rate_limit_storage == "redis://r:6379/3"
    bare = WebConfig.from_env({"WEB_SECRET_KEY": STRONG, "CATALOGUE_URL": "sqlite:///x.db"})
    assert bare.proxies.networks == () and bare.metrics_token is None
    assert bare.rate_limit_storage == "memory://"
