"""Faults in the scale topology; no conversation or committed enquiry is lost.

Replicas switching and dying, action servers and PostgreSQL down, everything
restarted: the learner hears back, and is never shown an unsaved reference.
"""

from __future__ import annotations

import threading
import time
import urllib.error
import uuid
from typing import Dict, List

import pytest
import redis
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from deploy.scale import Topology
from enquiries.models import Enquiry
from storage import make_engine
from storage.profile import postgres_url
from tests.scale.conftest import COURSE, REFERENCE, say_retrying, texts, upstreams

pytestmark = [pytest.mark.scale, pytest.mark.slow]

START = "im doing the ext dip in enginering at northgate"
NEXT = "what can I do next?"


def new_sender(kind: str) -> str:
    return f"{kind}-{uuid.uuid4().hex[:8]}"


def enquiries_of(topology: Topology, sender: str) -> List[str]:
    """The references of the enquiries saved for ``sender``."""
    engine = make_engine(postgres_url(env=topology.env()))
    try:
        with Session(engine, future=True) as session:
            stored = f"rest:{sender}"  # the REST channel's conversations (docs/security.md)
            query = select(Enquiry.reference).where(Enquiry.sender_id == stored)
            return list(session.execute(query).scalars())
    finally:
        engine.dispose()


def to_contact_question(topology: Topology, sender: str) -> None:
    """A conversation up to "what's your email or phone?"."""
    assert COURSE in texts(topology.say(sender, START))
    for text in ("can I speak to a real person", "yes", "Sam Patel"):
        assert texts(topology.say(sender, text)), text


def hand_over_again(topology: Topology, sender: str) -> str:
    """Ask for a person again; return the reference given (name and contact are kept)."""
    for text in ("can I speak to a real person", "yes", "Sam Patel", "sam.patel@example.com"):
        reply = texts(topology.say(sender, text))
        found = REFERENCE.search(reply)
        if found:
            return found.group(0)
    raise AssertionError(f"no reference after a second hand-over: {reply}")


def test_rasa_uses_the_redis_lock_store(healthy: Topology) -> None:
    client = redis.Redis(host="127.0.0.1", port=healthy.ports.redis,
                         password=healthy.secrets()["REDIS_PASSWORD"])  # fmt: skip
    before = client.info("stats")["total_commands_processed"]
    assert texts(healthy.say(new_sender("lock"), "hi"))
    assert client.info("stats")["total_commands_processed"] > before + 2


def test_consecutive_turns_on_different_replicas_keep_the_slots(healthy: Topology) -> None:
    sender = new_sender("switch")
    assert COURSE in texts(healthy.say(sender, START, replica=0))
    reply = texts(healthy.say(sender, NEXT, replica=1))
    assert f"from {COURSE}" in reply, reply
    reply = texts(healthy.say(sender, "who do I contact about the HNC?", replica=0))
    assert "@" in reply and "What course" not in reply, reply
    # through nginx, round robin: one conversation served by both replicas
    for _ in range(4):
        assert f"from {COURSE}" in texts(healthy.say(sender, NEXT))
    assert len(set(upstreams(healthy, 4))) == 2, "nginx spread the turns over both replicas"


def test_losing_a_replica_mid_load(healthy: Topology) -> None:
    senders = [new_sender("load") for _ in range(6)]
    turns = [START, "I want something with robots", "who do I contact?", NEXT, NEXT]
    failures: Dict[str, str] = {}

    def learner(sender: str) -> None:
        try:
            for text in turns:
                assert say_retrying(healthy, sender, text), f"no reply to {text!r}"
        except Exception as error:  # reported below, with the learner
            failures[sender] = repr(error)

    threads = [threading.Thread(target=learner, args=(s,)) for s in senders]
    for thread in threads:
        thread.start()
        time.sleep(0.5)
    time.sleep(4)
    healthy.kill_rasa(1)  # a crash, mid-load
    for thread in threads:
        thread.join(timeout=600)
    assert not failures, failures
    for sender in senders:  # the surviving replica knows every learner's course
        reply = texts(healthy.say(sender, NEXT))
        assert f"from {COURSE}" in reply, (sender, reply)


def test_an_action_server_down(healthy: Topology) -> None:
    sender = new_sender("actions")
    healthy.stop_actions(0)
    # nginx skips the action server that is down
    assert COURSE in texts(healthy.say(sender, START))
    assert f"from {COURSE}" in texts(healthy.say(sender, NEXT))
    healthy.stop_actions(1)
    reply = healthy.say(sender, NEXT)  # no action server at all: still an HTTP 200
    healthy.start_actions(0)
    # the channels' apology (bot/channels/guard.py), not silence
    assert "something went wrong" in texts(reply), reply
    assert f"from {COURSE}" in texts(healthy.say(sender, NEXT)), "the conversation goes on"


def test_enquiry_database_down_during_a_handoff(healthy: Topology) -> None:
    sender = new_sender("pgdown")
    to_contact_question(healthy, sender)
    healthy.postgres.allow_connections("pathways", False)  # catalogue and enquiries
    try:
        reply = texts(healthy.say(sender, "sam.patel@example.com"))
    finally:
        healthy.postgres.allow_connections("pathways", True)
    assert "couldn't save your details" in reply, reply
    assert not REFERENCE.search(reply), "no reference for an enquiry that was not saved"
    assert enquiries_of(healthy, sender) == []
    # once the database is back, the learner can ask again and the enquiry is saved
    reference = hand_over_again(healthy, sender)
    assert enquiries_of(healthy, sender) == [reference]


def test_postgres_stopped_during_a_handoff(healthy: Topology) -> None:
    sender = new_sender("pgstop")
    to_contact_question(healthy, sender)
    healthy.postgres.stop("fast")
    try:
        reply = texts(healthy.say(sender, "sam.patel@example.com"))
    except urllib.error.HTTPError as error:  # the tracker store is down too
        reply = f"HTTP {error.code}"
    finally:
        healthy.postgres.start()
    # the tracker store is down too: Rasa answers that turn from an empty in-memory
    # conversation (its fail-safe store) and keeps nothing of it
    print(f"\nreply while PostgreSQL was down: {reply!r}")
    assert not REFERENCE.search(reply), reply
    assert enquiries_of(healthy, sender) == []
    # the conversation is where it was (asking for the contact): the learner sends it
    # again; pooled connections that died with the database are replaced (pool_pre_ping)
    done = say_retrying(healthy, sender, "sam.patel@example.com")
    found = REFERENCE.search(done)
    assert found, done
    assert enquiries_of(healthy, sender) == [found.group(0)]


def test_restarting_everything_loses_no_conversation_and_no_enquiry(healthy: Topology) -> None:
    learners = [new_sender("restart") for _ in range(3)]
    for sender in learners:
        assert COURSE in texts(healthy.say(sender, START))
    to_contact_question(healthy, learners[0])
    done = texts(healthy.say(learners[0], "sam.patel@example.com"))
    found = REFERENCE.search(done)
    assert found, done
    engine = make_engine(postgres_url(env=healthy.env()))
    with Session(engine, future=True) as session:
        before = session.execute(select(func.count(Enquiry.id))).scalar_one()
    engine.dispose()

    started = time.perf_counter()
    healthy.restart()
    print(f"\nrestart of every service: {time.perf_counter() - started:.0f} s")

    for sender in learners:
        reply = texts(healthy.say(sender, NEXT))
        assert f"from {COURSE}" in reply, (sender, reply)
    assert enquiries_of(healthy, learners[0]) == [found.group(0)]
    engine = make_engine(postgres_url(env=healthy.env()))
    with Session(engine, future=True) as session:
        assert session.execute(select(func.count(Enquiry.id))).scalar_one() == before
    engine.dispose()
