"""The scale topology for the fault tests: ``make scale-test`` (marker ``scale``).

One :class:`deploy.scale.Topology` for the session, in ``var/scale-test/`` (wiped
first) on free loopback ports, so it can run beside a ``make scale-up``. The Debian
servers are installed if missing; only if that is impossible are the tests skipped.
"""

from __future__ import annotations

import json
import re
import shutil
import time
import urllib.error
from typing import Any, Dict, Iterator, List

import pytest

from deploy.scale import Ports, Topology
from deploy.services import ServiceError, install_packages
from pathways_catalogue.settings import PROJECT_ROOT

WORKDIR = PROJECT_ROOT / "var" / "scale-test"
REFERENCE = re.compile(r"\bPW-[A-Z0-9]{6}\b")
COURSE = "Pearson BTEC Level 3 National Extended Diploma in Engineering"


@pytest.fixture(scope="session")
def topology() -> Iterator[Topology]:
    """PostgreSQL, Redis, 2 action servers, 2 Rasa replicas and nginx, all on loopback."""
    try:
        install_packages()
    except ServiceError as error:
        pytest.skip(f"the Debian servers (postgresql, redis-server, nginx) cannot be "
                    f"installed here: {error}")  # fmt: skip
    shutil.rmtree(WORKDIR, ignore_errors=True)
    started = time.perf_counter()
    with Topology(WORKDIR, Ports.free(), web=False) as running:
        print(f"\nscale topology up in {time.perf_counter() - started:.0f} s")
        yield running


@pytest.fixture
def healthy(topology: Topology) -> Iterator[Topology]:
    """The topology, with every server (back) up after the test."""
    yield topology
    topology.postgres.start()
    topology.postgres.allow_connections("pathways", True)
    for replica in range(len(topology.ports.rasa)):
        topology.start_actions(replica)
        topology.start_rasa(replica)


def texts(messages: List[Dict[str, Any]]) -> str:
    """The bot's texts, one per line."""
    return "\n".join(str(m.get("text", "")) for m in messages)


def say_retrying(topology: Topology, sender: str, text: str, attempts: int = 4) -> str:
    """Send a message through nginx; re-send it (as a learner would) on a server error."""
    for attempt in range(attempts):
        try:
            return texts(topology.say(sender, text))
        except (urllib.error.HTTPError, urllib.error.URLError, ConnectionError, TimeoutError):
            if attempt == attempts - 1:
                raise
            time.sleep(2)
    raise AssertionError("unreachable")


def upstreams(topology: Topology, sender_turns: int) -> List[str]:
    """The Rasa replicas (host:port) that served the last ``sender_turns`` REST turns."""
    log = topology.workdir / "nginx" / "access.log"
    lines = [line.split() for line in log.read_text().splitlines() if "/webhooks/rest/" in line]
    return [parts[-1] for parts in lines[-sender_turns:]]


def dumps(value: Any) -> str:
    """JSON for assertion messages."""
    return json.dumps(value, indent=1)[:2000]
