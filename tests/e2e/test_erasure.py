"""End to end: erasing a learner by phone number, in any spelling, through the real servers.

Conversations are held by the real Rasa server in its real tracker store: one stored
under a WhatsApp learner's number, one under an SMS learner's number, and one of a web
learner who typed the number in yet another spelling. They are sent over the REST
channel, which stores each under ``rest:<id>`` (``rest:whatsapp:+447700900123``), so
the number is in the sender id after a channel prefix, as for
``twilio:whatsapp:+44...``. ``python -m bot privacy erase --phone`` must find all
three whichever spelling it is given, and leave a different number's conversation
alone.
"""

from __future__ import annotations

import re
import subprocess
import sys
import uuid
from typing import Set

import pytest
from sqlalchemy import create_engine, text

from evaluation.servers import Servers
from launch import rest
from pathways_catalogue.settings import PROJECT_ROOT

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

SPELLINGS = ["07700900123", "07700 900 123", "+44 7700 900123", "447700900123"]
OTHER = "whatsapp:+447700900999"


def stored(sender: str) -> str:
    """The id the REST channel stores a conversation under."""
    return f"rest:{sender}"


def senders(servers: Servers) -> Set[str]:
    """The sender ids with a stored conversation."""
    engine = create_engine(servers.deployment.tracker_url, future=True)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT DISTINCT sender_id FROM events"))
            return {row[0] for row in rows}
    finally:
        engine.dispose()


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_erase_by_phone_finds_whatsapp_sms_and_web_conversations_in_any_spelling(
    demo_servers: Servers, spelling: str
) -> None:
    web = f"web-{uuid.uuid4().hex[:8]}"
    for sender, said in [
        ("whatsapp:+447700900123", "hi"), ("+447700900123", "hello"),
        (web, "you can ring me on 07700 900 123"), (OTHER, "hi"),
    ]:  # fmt: skip
        assert rest.say(demo_servers.rasa_url, sender, said)
    before = senders(demo_servers)
    kept = {stored(s) for s in ("whatsapp:+447700900123", "+447700900123", web)}
    assert kept | {stored(OTHER)} <= before

    deployment = demo_servers.deployment
    done = subprocess.run(
        [sys.executable, "-m", "bot", "privacy", "--db", deployment.db_url,
         "--tracker-db", deployment.tracker_url, "erase", "--phone", spelling],
        cwd=PROJECT_ROOT, env=deployment.env(), capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    after = senders(demo_servers)
    assert not kept & after, done.stdout
    assert stored(OTHER) in after
    # the servers are shared with other tests, which may have held conversations with
    # this number too (the Twilio tests): at least these three went
    removed = re.search(r"removed (\d+) conversation\(s\)", done.stdout)
    assert removed is not None and int(removed.group(1)) >= 3, done.stdout
