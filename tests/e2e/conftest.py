"""Fixtures that build, train and serve the whole assistant (slow).

They use :mod:`evaluation.servers`, the same code as ``make eval-conversations``: a
catalogue database made like ``make run`` makes it (the network and the shipped
Ofqual titles), a model trained on it (the ``demo`` fixture of ``tests/conftest.py``,
shared with the browser tests), and the real rasa_sdk action server and Rasa
HTTP server on free loopback ports, with a tracker store in a folder that does not
exist yet (so its creation is tested too). Nothing of ours is mocked.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterator, List

import pytest

from evaluation.servers import Deployment, Servers


@pytest.fixture(scope="session")
def demo_servers(demo: Deployment) -> Iterator[Servers]:
    """The real action server and Rasa server (REST and socket.io) on the demo network."""
    with Servers(demo) as servers:
        yield servers


def tracker_files(deployment: Deployment) -> List[Path]:
    """The tracker store's files (its folder is created by the store itself)."""
    folder = deployment.workdir / "conversations"
    return sorted(folder.glob("*")) if folder.exists() else []
