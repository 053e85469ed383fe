"""End to end: Telegram and Twilio switched on by their variables, against the real servers.

The Rasa server runs with the credentials ``tools/rasa_server.sh`` writes from the
environment; the providers' APIs are a local stand-in (``standin.py``) that records
what would have reached the learner. Webhooks are posted in the providers' formats,
signed as they sign them.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Dict, Iterator, List

import pytest
from sqlalchemy import create_engine, text
from twilio.request_validator import RequestValidator

from bot.channels.telegram import SECRET_HEADER, secret_token
from evaluation.servers import Deployment, Servers
from tests.e2e.standin import StandIn

pytestmark = [pytest.mark.slow, pytest.mark.e2e]

TELEGRAM_TOKEN = "123456789:TEST-token_for-the-stand-in"
TELEGRAM_HOOK = "https://pathways.example/webhooks/telegram/webhook"
TWILIO_SID = "AC" + "0" * 32
TWILIO_TOKEN = "twilio-test-auth-token"
TWILIO_NUMBER = "whatsapp:+441632960000"
TWILIO_HOOK = "https://pathways.example/webhooks/twilio/webhook"
LEARNER = "whatsapp:+441632960999"


@pytest.fixture(scope="module")
def standin() -> Iterator[StandIn]:
    server = StandIn().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def messaging(demo: Deployment, standin: StandIn) -> Iterator[Servers]:
    """The real servers with Telegram and Twilio on, their APIs at the stand-in."""
    env = {
        "TELEGRAM_TOKEN": TELEGRAM_TOKEN, "TELEGRAM_WEBHOOK_URL": TELEGRAM_HOOK,
        "TELEGRAM_API_URL": standin.url,
        "TWILIO_ACCOUNT_SID": TWILIO_SID, "TWILIO_AUTH_TOKEN": TWILIO_TOKEN,
        "TWILIO_NUMBER": TWILIO_NUMBER, "TWILIO_WEBHOOK_URL": TWILIO_HOOK,
        "TWILIO_API_URL": standin.url,
    }  # fmt: skip
    with Servers(demo, **env) as servers:
        yield servers


def post(url: str, body: bytes, headers: Dict[str, str]) -> int:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=120) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def telegram(servers: Servers, update: Dict[str, Any], secret: str = "") -> int:
    return post(f"{servers.rasa_url}/webhooks/telegram/webhook", json.dumps(update).encode(),
                {"Content-Type": "application/json",
                 SECRET_HEADER: secret or secret_token(TELEGRAM_TOKEN)})  # fmt: skip


def telegram_text(chat: int, text: str) -> Dict[str, Any]:
    return {"update_id": chat, "message": {
        "message_id": 1, "date": 0, "text": text,
        "chat": {"id": chat, "type": "private"},
        "from": {"id": chat, "is_bot": False, "first_name": "Sam"}}}  # fmt: skip


def twilio(servers: Servers, body: str, sign: bool = True, learner: str = LEARNER) -> int:
    params = {"From": learner, "To": TWILIO_NUMBER, "Body": body, "AccountSid": TWILIO_SID,
              "MessageSid": "SM" + "1" * 32}  # fmt: skip
    signature = RequestValidator(TWILIO_TOKEN).compute_signature(TWILIO_HOOK, params)
    return post(f"{servers.rasa_url}/webhooks/twilio/webhook",
                urllib.parse.urlencode(params).encode(),
                {"Content-Type": "application/x-www-form-urlencoded",
                 "X-Twilio-Signature": signature if sign else "forged"})  # fmt: skip


def test_telegram_webhook_is_set_with_the_secret_at_start(
    messaging: Servers, standin: StandIn
) -> None:
    hooks = standin.sent("telegram", "setWebhook")
    assert hooks and hooks[0]["url"] == TELEGRAM_HOOK
    assert hooks[0]["secret_token"] == secret_token(TELEGRAM_TOKEN)


def test_telegram_learner_gets_routes_with_an_inline_keyboard(
    messaging: Servers, standin: StandIn
) -> None:
    chat = 4242
    since = len(standin.calls)
    assert telegram(messaging, telegram_text(chat, "hi")) == 200
    greeting = standin.sent("telegram", "sendMessage", since)
    assert greeting and all(m["chat_id"] == str(chat) for m in greeting)

    since = len(standin.calls)
    assert telegram(messaging, telegram_text(chat, "im doing the ext dip in enginering at "
                                             "northgate and I want something with robots")) == 200
    sent = standin.sent("telegram", "sendMessage", since)
    text = "\n".join(m["text"] for m in sent)
    assert "HNC" in text or "University" in text, text
    assert "pathways.route" not in text and "{" not in text, "route cards become text"
    keyboards: List[Dict[str, Any]] = [json.loads(m["reply_markup"]) for m in sent
                                       if m.get("reply_markup")]  # fmt: skip
    assert keyboards, "buttons are an inline keyboard"
    for keyboard in keyboards:
        for row in keyboard["inline_keyboard"]:
            assert 1 <= len(row) <= 2
            for button in row:
                assert len(button["callback_data"].encode()) <= 64

    # pressing a button: a callback query with its data is read as the payload
    data = keyboards[0]["inline_keyboard"][0][0]["callback_data"]
    since = len(standin.calls)
    assert telegram(messaging, {"update_id": 9, "callback_query": {
        "id": "cb1", "data": data, "chat_instance": "1",
        "from": {"id": chat, "is_bot": False, "first_name": "Sam"},
        "message": {"message_id": 5, "date": 0, "chat": {"id": chat, "type": "private"}}}}) == 200
    assert standin.sent("telegram", "answerCallbackQuery", since)
    assert standin.sent("telegram", "sendMessage", since)


def test_telegram_refuses_updates_without_the_secret(messaging: Servers, standin: StandIn) -> None:
    since = len(standin.calls)
    assert telegram(messaging, telegram_text(77, "hi"), secret="wrong") == 403
    assert telegram(messaging, {"update_id": 1, "message": "garbage"}) == 200
    assert standin.sent("telegram", "sendMessage", since) == []


def test_twilio_learner_gets_numbered_choices_and_can_answer_with_a_number(
    messaging: Servers, standin: StandIn
) -> None:
    since = len(standin.calls)
    assert twilio(messaging, "hi") == 204
    assert twilio(messaging, "can I talk to a real person?") == 204
    sent = standin.sent("twilio", "Messages", since)
    assert sent and all(m["To"] == LEARNER and m["From"] == TWILIO_NUMBER for m in sent)
    assert all(len(m["Body"]) <= 1600 for m in sent)
    consent = sent[-1]["Body"]
    assert "Reply with a number:\n1. Yes, that's fine\n2. No thanks" in consent, consent

    since = len(standin.calls)
    assert twilio(messaging, "1") == 204  # the number of "Yes, that's fine": /affirm
    answer = "\n".join(m["Body"] for m in standin.sent("twilio", "Messages", since))
    assert "What's your name?" in answer, answer


def test_twilio_refuses_a_forged_request(messaging: Servers, standin: StandIn) -> None:
    since = len(standin.calls)
    assert twilio(messaging, "hi", sign=False) == 403
    assert standin.sent("twilio", "Messages", since) == []


def test_too_long_on_whatsapp_is_answered_politely_without_reading(
    messaging: Servers, standin: StandIn
) -> None:
    since = len(standin.calls)
    assert twilio(messaging, "word " * 2000) == 204
    sent = standin.sent("twilio", "Messages", since)
    assert len(sent) == 1 and "too long" in sent[0]["Body"], sent


def test_a_rest_client_cannot_reach_a_whatsapp_conversation(
    messaging: Servers, standin: StandIn, demo: Deployment
) -> None:
    victim = "whatsapp:+447700900999"
    assert twilio(messaging, "im doing the ext dip in enginering at northgate",
                  learner=victim) == 204  # fmt: skip
    # the attacker guesses the number and speaks as it over REST
    since = len(standin.calls)
    reply = "\n".join(m.get("text", "") for m in messaging.say(victim, "what can I do next?"))
    assert "course you're doing" in reply or "What course are you doing" in reply, reply
    assert standin.sent("twilio", "Messages", since) == [], "nothing went to the victim"
    # the victim's own conversation still has their course
    since = len(standin.calls)
    assert twilio(messaging, "what can I do next?", learner=victim) == 204
    theirs = "\n".join(m["Body"] for m in standin.sent("twilio", "Messages", since))
    assert theirs and "course you're doing" not in theirs, theirs
    assert "What course are you doing" not in theirs, theirs
    engine = create_engine(demo.tracker_url)
    try:
        with engine.connect() as connection:
            senders = set(connection.execute(text(
                "SELECT DISTINCT sender_id FROM events WHERE sender_id LIKE :s"),
                {"s": f"%{victim}"}).scalars())  # fmt: skip
    finally:
        engine.dispose()
    assert senders == {f"twilio:{victim}", f"rest:{victim}"}
