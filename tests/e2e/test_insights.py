"""End to end: the insights counted from real conversations held over REST.

Learners chat with the real Rasa and action servers (model trained on the demo
network); then ``python -m insights refresh`` reads that deployment's tracker store,
and its aggregates must match what the learners were told. The servers are shared
with other test files, so the numbers are compared as the increase over a run made
before these conversations.
"""

from __future__ import annotations

import subprocess
import sys
import uuid
from typing import Any, Dict, List, Tuple

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from evaluation.servers import Servers
from insights import conversation as m
from insights.models import Weekly
from launch import rest
from pathways_catalogue.settings import PROJECT_ROOT
from storage import make_engine

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

ROUTES = [("im doing the ext dip in enginering at northgate", "Ask me about any of them"),
          ("I want something with robots", "Ask me about any of them")]  # fmt: skip
ADVISER = [("can I talk to a real person please", "OK?"), ("no thanks", "")]
NOT_UNDERSTOOD = [("flibber wobble zonk", "")]


def chat(servers: Servers, turns: List[Tuple[str, str]]) -> str:
    """One learner's conversation over REST; returns everything the bot said."""
    sender = f"insights-{uuid.uuid4().hex[:10]}"
    said = []
    for text, expected in turns:
        replies = rest.say(servers.rasa_url, sender, text, token=servers.rest_token)
        reply = "\n".join(str(r.get("text") or "") for r in replies)
        assert expected in reply, (text, reply)
        said.append(reply)
    return "\n".join(said)


def refresh(servers: Servers) -> Dict[Tuple[str, str, str], int]:
    """Run the real CLI on the deployment; return the counts by institution, measure, item."""
    deployment = servers.deployment
    done = subprocess.run(
        [sys.executable, "-m", "insights", "--db", deployment.db_url,
         "--tracker-db", deployment.tracker_url, "refresh"],
        cwd=PROJECT_ROOT, env=deployment.env(), capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "read " in done.stdout
    engine = make_engine(deployment.db_url)
    out: Dict[Tuple[str, str, str], int] = {}
    try:
        with Session(engine, future=True) as session:
            for row in session.execute(select(Weekly)).scalars():
                key = (row.institution, row.measure, row.item)
                out[key] = out.get(key, 0) + row.count
    finally:
        engine.dispose()
    return out


def total(counts: Dict[Tuple[str, str, str], int], measure: str, item: str = "") -> int:
    return sum(n for (_i, m_, it), n in counts.items() if m_ == measure and it == item)


def increase(after: Dict[Any, int], before: Dict[Any, int], measure: str, item: str = "") -> int:
    return total(after, measure, item) - total(before, measure, item)


def test_the_insights_match_real_conversations(demo_servers: Servers) -> None:
    before = refresh(demo_servers)
    route_chats = [chat(demo_servers, ROUTES) for _ in range(5)]
    adviser_chats = [chat(demo_servers, ADVISER) for _ in range(2)]
    odd = chat(demo_servers, NOT_UNDERSTOOD)
    after = refresh(demo_servers)

    assert increase(after, before, m.CONVERSATIONS) == 8
    assert all("Here are" in said for said in route_chats)
    assert increase(after, before, m.RESOLVED_WITHOUT_STAFF) == 5
    assert increase(after, before, m.WANTED_INTEREST, "robots") + increase(
        after, before, m.WANTED_INTEREST, "robotics") == 5  # fmt: skip
    northgate = sum(n for (i, m_, it), n in after.items()
                    if m_ == m.CONVERSATIONS and "Northgate" in i) - sum(
        n for (i, m_, it), n in before.items() if m_ == m.CONVERSATIONS and "Northgate" in i)
    assert northgate == 5, after
    assert increase(after, before, m.HANDOVER_REQUESTED) == len(adviser_chats)
    assert increase(after, before, m.HANDOVER_REASON, m.ASKED) == len(adviser_chats)
    assert increase(after, before, m.HANDOVER_MADE) == 0  # they said no
    misunderstood = int("didn't quite get that" in odd)
    assert increase(after, before, m.FALLBACK_CONVERSATIONS) == misunderstood
    assert increase(after, before, m.ENDED_AFTER_FALLBACK) == misunderstood

    # the job again reads nothing new and changes nothing
    assert refresh(demo_servers) == after
