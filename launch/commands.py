"""The command lines of the three servers, as ``make run`` (``Procfile``) starts them.

Every launcher runs these: the Rasa server always through ``tools/rasa_server.sh``
(credentials file, endpoints of the profile, loopback, the log redaction), told what
to do by the variables :func:`rasa_server_env` sets.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Union

LOOPBACK = "127.0.0.1"
#: the launcher of the Rasa server (run from the project root)
RASA_SERVER = ("bash", "tools/rasa_server.sh")

Port = Union[int, str]


def actions_server(port: Port, host: str = LOOPBACK, python: str = sys.executable) -> List[str]:
    """The action server (``python -m actions.server``) on ``host``:``port``."""
    return [python, "-m", "actions.server", "--host", host, "--port", str(port)]


def rasa_server() -> List[str]:
    """The Rasa server (``tools/rasa_server.sh``); :func:`rasa_server_env` says how."""
    return list(RASA_SERVER)


def web_front(
    port: Port, host: Optional[str] = LOOPBACK, python: str = sys.executable
) -> List[str]:
    """The web front (``python -m web serve``); ``host`` None: ``$WEB_HOST`` or loopback."""
    where = ["--host", host] if host is not None else []
    return [python, "-m", "web", "serve", *where, "--port", str(port)]


def rasa_server_env(
    port: Port, model: Path, credentials: Path, cors: Optional[Sequence[str]] = None,
    api_token: Optional[str] = None,
) -> Dict[str, str]:  # fmt: skip
    """The variables of ``tools/rasa_server.sh`` for one Rasa server on loopback.

    It runs with this interpreter (``PATHWAYS_PYTHON``) and writes its own ``credentials`` file.
    ``cors`` (browser origins) and ``api_token`` (Rasa's HTTP API) are left to the
    environment when None; empty means none.
    """
    env = {
        "PATHWAYS_PYTHON": sys.executable,
        "RASA_PORT": str(port),
        "RASA_MODEL": str(model),
        "RASA_CREDENTIALS": str(credentials),
        "RASA_INTERFACE": LOOPBACK,
    }
    if cors is not None:
        env["RASA_CORS_ORIGINS"] = " ".join(cors)
    if api_token is not None:
        env["RASA_API_TOKEN"] = api_token
    return env
