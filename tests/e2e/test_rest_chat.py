"""End to end: the real Rasa and action servers, a learner chatting over REST.

Nothing of ours is mocked: the model is trained on the demo network, the actions
query the catalogue database, and the enquiry is read back from that database.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
import uuid
from typing import Any, Dict, List

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from enquiries.models import Enquiry
from evaluation.servers import Servers
from pathways_catalogue.db import make_engine

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

REFERENCE = re.compile(r"\bPW-[A-Z0-9]{4,}\b")


def post(url: str, body: bytes) -> urllib.request.Request:
    return urllib.request.Request(
        url, data=body, headers={"Content-Type": "application/json"}, method="POST"
    )


def say(servers: Servers, sender: str, text: str) -> List[Dict[str, Any]]:
    """Send one message over the REST channel; return the bot's messages."""
    return servers.say(sender, text)


def texts(messages: List[Dict[str, Any]]) -> str:
    return "\n".join(m.get("text", "") for m in messages)


def test_learner_gets_routes_and_an_adviser(demo_servers: Servers) -> None:
    sender = f"e2e-{uuid.uuid4().hex[:8]}"
    assert texts(say(demo_servers, sender, "hiya"))

    reply = say(demo_servers, sender, "im doing the ext dip in enginering at northgate")
    assert texts(reply), "the bot asks about interests"

    routes = say(demo_servers, sender, "I want something with robots")
    shown = texts(routes)
    assert "Northgate College" in shown or "University" in shown, shown
    custom = [m["custom"] for m in routes if "custom" in m]
    assert custom, f"a rich-channel payload with the structured routes: {routes}"
    steps = json.dumps(custom)
    assert "course_id" in steps and "conditions" in steps

    contact = texts(say(demo_servers, sender, "who do I talk to?"))
    assert "@" in contact or re.search(r"\d{4} ?\d{6}", contact), contact

    assert texts(say(demo_servers, sender, "can I speak to a real person"))
    assert texts(say(demo_servers, sender, "yes"))
    assert texts(say(demo_servers, sender, "Sam Patel"))
    done = texts(say(demo_servers, sender, "sam.patel@example.com"))
    match = REFERENCE.search(done)
    assert match, done

    engine = make_engine(demo_servers.deployment.db_url)
    with Session(engine, future=True) as session:
        enquiry = session.execute(
            select(Enquiry).where(Enquiry.reference == match.group(0))
        ).scalar_one()
        assert enquiry.learner_name == "Sam Patel"
        assert enquiry.email == "sam.patel@example.com"
        assert enquiry.consent is True
        assert json.loads(enquiry.routes), "the suggested routes are saved"
        assert "robots" in enquiry.transcript
        assert "engineering" in enquiry.profile.lower()
    engine.dispose()


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "🙂🙂🙂",
        "a" * 5000,
        "'; DROP TABLE course; --",
        '{"intent": 1}',
        "/inform_course{",
    ],
)
def test_odd_messages_get_a_polite_reply_not_an_error(demo_servers: Servers, text: str) -> None:
    sender = f"odd-{uuid.uuid4().hex[:8]}"
    messages = say(demo_servers, sender, text)
    assert isinstance(messages, list)
    # the assistant is still alive and sane afterwards
    assert texts(say(demo_servers, sender, "hello"))


def test_malformed_request_is_a_client_error(demo_servers: Servers) -> None:
    request = post(f"{demo_servers.rasa_url}/webhooks/rest/webhook", b"{not json")
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(request, timeout=30)
    assert 400 <= info.value.code < 500
