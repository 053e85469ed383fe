"""Attacks on the Rasa server's channels: identity, sizes, rate limits, enquiry caps.

From loopback the probe is a *local* client, which the channel limits exempt by design
(docs/security.md, "Limits"). The attacks on limits therefore send ``X-Forwarded-For``:
from a peer that is not a trusted proxy (``make run`` trusts none) the header is
ignored and the request counts as a remote client's, with the peer's address.
"""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor
from typing import List, Optional, Tuple

from access.addresses import Proxies
from bench.probe.http import Answer, request, upgrade_status
from bench.probe.report import NotTried, Verdict
from bench.probe.target import NEXT, START, Target, asks_for_the_course, texts
from bench.socketio_client import Learner
from bot.channels.throttle import SLOW_DOWN

#: seconds for the channels' shortest window (10 s) to forget earlier turns
WINDOW_S = 11.0
#: in the reply once the enquiry cap is reached (actions/messages.yml)
CAP_TEXT = "enquiries i can take"
#: a WhatsApp learner's number (Ofcom's drama range), as Twilio names the sender
WHATSAPP = "whatsapp:+447700900999"
EVIL = "https://evil.example"
#: how many hand-overs the enquiry flood tries from one address (the default cap is 10)
FLOOD = 12
ADDRESS_CAP = 10


def remote_view(target: Target) -> None:
    """Refuse to try a limit when the probe's own address is a trusted proxy.

    Raises:
        NotTried: then ``X-Forwarded-For`` is believed, by configuration.

    """
    if Proxies.from_env({"TRUSTED_PROXIES": target.trusted_proxies}).trusts("127.0.0.1"):
        raise NotTried("127.0.0.1 is a trusted proxy here: X-Forwarded-For is believed "
                       "by configuration, so the probe cannot pose as a remote client")  # fmt: skip


def fresh_asks_for_the_course(target: Target) -> None:
    """Check the control: a new conversation asked :data:`NEXT` asks for the course.

    Raises:
        NotTried: when it does not (the bot's wording changed: no verdict possible).

    """
    answer = target.rest(target.sender("control"), NEXT)
    if answer.status != 200 or not asks_for_the_course(texts(answer.body)):
        raise NotTried(f"control failed: a new conversation asked {NEXT!r} got "
                       f"{answer.status} {texts(answer.body)[:120]!r}, not the course question")


def knows_the_course(reply: str) -> None:
    """Check that the victim's conversation holds a course.

    Raises:
        NotTried: when the bot did not take the course.

    """
    if not reply or asks_for_the_course(reply):
        raise NotTried(f"the victim's course was not understood: {reply[:120]!r}")


def judge_intrusion(sender: str, answer: Answer) -> Tuple[Optional[bool], str]:
    """Whether a turn under ``sender`` was kept out of the victim's conversation."""
    reply = texts(answer.body)
    if answer.status in (401, 403):
        return True, f"{sender!r}: {answer.status}"
    if answer.status != 200:
        return None, f"{sender!r}: {answer.status}"
    if asks_for_the_course(reply):
        return True, f"{sender!r}: a new conversation (asked for the course)"
    return False, f"{sender!r}: answered in the victim's conversation: {reply[:100]!r}"


def rest_spoof_socketio(target: Target) -> Verdict:
    """REST senders naming a widget learner's conversation must not reach it."""
    fresh_asks_for_the_course(target)
    return asyncio.run(_rest_spoof_socketio(target))


async def _rest_spoof_socketio(target: Target) -> Verdict:
    victim = await Learner(target.bot_url).connect()
    try:
        knows_the_course(texts(await victim.say(START)))
        token = victim.session_id or ""
        stored = token.partition(".")[0]
        seen = len(victim.received)
        results = []
        for sender in (f"socketio:{stored}", stored, token):
            answer = await asyncio.to_thread(target.rest, sender, NEXT)
            results.append(judge_intrusion(sender, answer))
        await asyncio.sleep(1.0)
        leaked = len(victim.received) - seen
    finally:
        await victim.close()
    if any(ok is None for ok, _ in results):
        raise NotTried("; ".join(note for _, note in results))
    stopped = all(ok for ok, _ in results) and leaked == 0
    notes = [note for _, note in results] + [f"{leaked} message(s) reached the victim's socket"]
    return stopped, "; ".join(notes)


def rest_spoof_prefix(target: Target) -> Verdict:
    """The REST sender ``rest:<victim>`` must not reach the REST sender ``<victim>``."""
    fresh_asks_for_the_course(target)
    victim = target.sender("victim")
    knows_the_course(texts(target.rest(victim, START).body))
    ok, note = judge_intrusion(f"rest:{victim}", target.rest(f"rest:{victim}", NEXT))
    if ok is None:
        raise NotTried(note)
    return ok, note


def rest_spoof_whatsapp(target: Target) -> Verdict:
    """REST turns as a WhatsApp sender are stored under ``rest:...``, never the learner's id."""
    notes, stopped = [], True
    for sender in (WHATSAPP, f"twilio:{WHATSAPP}"):
        theirs = len(target.stored(sender))
        ours = len(target.stored(f"rest:{sender}"))
        answer = target.rest(sender, "hi")
        if answer.status != 200:
            raise NotTried(f"{sender!r}: {answer.status}")
        grew = len(target.stored(sender)) - theirs
        landed = len(target.stored(f"rest:{sender}")) - ours
        if grew == 0 and landed == 0:
            raise NotTried(f"{sender!r}: the turn was not found in the tracker store")
        stopped = stopped and grew == 0 and landed > 0
        notes.append(f"{sender!r}: +{grew} events under it, +{landed} under 'rest:{sender}'")
    return stopped, "; ".join(notes)


def socketio_join(target: Target) -> Verdict:
    """A socket asking for another learner's session (stored id, forged, guessed) gets a new one."""
    return asyncio.run(_socketio_join(target))


async def _socketio_join(target: Target) -> Verdict:
    victim = await Learner(target.bot_url).connect()
    intruders: List[Learner] = []
    notes, stopped = [], True
    try:
        knows_the_course(texts(await victim.say(START)))
        token = victim.session_id or ""
        stored, _, signature = token.partition(".")
        if not signature:
            notes.append("the session id is not signed")
        forged = f"{stored}.{'A' * len(signature or 'x' * 43)}"
        for label, guess in (("stored id", stored), ("forged signature", forged),
                             ("made-up id", "a" * 32)):  # fmt: skip
            intruder = await Learner(target.bot_url).connect(guess)
            intruders.append(intruder)
            joined = intruder.session_id in (token, guess)
            reply = texts(await intruder.say(NEXT))
            fresh = asks_for_the_course(reply)
            stopped = stopped and not joined and fresh
            notes.append(f"{label}: {'confirmed' if joined else 'a new session'}, "
                         f"{'asked for the course' if fresh else repr(reply[:80])}")  # fmt: skip
        before = [len(i.received) for i in intruders]
        await victim.say("who do I contact?")
        await asyncio.sleep(1.0)
        leaked = sum(len(i.received) for i in intruders) - sum(before)
        stopped = stopped and leaked == 0 and bool(signature)
        notes.append(f"{leaked} of the victim's replies reached the intruders")
    finally:
        for learner in (victim, *intruders):
            await learner.close()
    return stopped, "; ".join(notes)


def socketio_origin(target: Target) -> Verdict:
    """A websocket or polling connection from a foreign page's ``Origin`` is refused."""
    evil_ws = upgrade_status(target.bot_url, EVIL)
    polling = "/socket.io/?EIO=4&transport=polling"
    evil_poll = request(target.bot_url, "GET", polling, headers={"Origin": EVIL}).status
    own = target.web_url
    own_ws = upgrade_status(target.bot_url, own)
    own_poll = request(target.bot_url, "GET", polling, headers={"Origin": own}).status
    observed = (f"{EVIL}: upgrade {evil_ws}, polling {evil_poll}; "
                f"control {own} (the widget's page): upgrade {own_ws}, polling {own_poll}")
    if own_ws != 101 and own_poll != 200:
        raise NotTried(f"control failed, the widget's own origin is refused too: {observed}")
    return evil_ws != 101 and evil_poll != 200, observed


def metadata_flood(target: Target) -> Verdict:
    """200 KB of metadata is refused (413) and nothing of it is stored."""
    sender = target.sender("meta")
    answer = target.rest(sender, "hi", metadata={"padding": "x" * 200_000})
    try:
        kept = any("x" * 100 in event for event in target.stored(f"rest:{sender}"))
    except NotTried:
        kept = False
    observed = f"{answer.status}; " + ("stored" if kept else "nothing of it stored")
    return answer.status == 413 and not kept, observed


def oversized_body(target: Target) -> Verdict:
    """A REST body over 64 KB (a 200,000-character message) gets 413."""
    answer = target.rest(target.sender("big"), "x" * 200_000)
    return answer.status == 413, f"{answer.status} {answer.text()[:80]}"


def metadata_dropped(target: Target) -> Verdict:
    """Unknown metadata keys (50 KB, a forged client key) are dropped before Rasa stores them."""
    sender = target.sender("meta")
    metadata = {"padding": "y" * 50_000, "locale": "en-GB", "pathways_client": "forged-by-probe"}
    answer = target.rest(sender, "hi", metadata=metadata)
    if answer.status != 200:
        raise NotTried(f"the turn was not taken: {answer.status}")
    stored = "\n".join(target.stored(f"rest:{sender}"))
    if not stored:
        raise NotTried("the turn was not found in the tracker store")
    padding, forged = "y" * 100 in stored, "forged-by-probe" in stored
    observed = (f"200; stored events {len(stored)} characters; padding "
                f"{'stored' if padding else 'dropped'}; forged client key "
                f"{'stored' if forged else 'dropped'}")  # fmt: skip
    return not padding and not forged, observed


def socketio_huge_payload(target: Target) -> Verdict:
    """A socket.io message over 64 KB is not read."""
    return asyncio.run(_socketio_huge_payload(target))


async def _socketio_huge_payload(target: Target) -> Verdict:
    learner = await Learner(target.bot_url).connect()
    try:
        if not await learner.say("hi"):
            raise NotTried("control failed: the socket got no reply to 'hi'")
        huge = {"message": "x" * 200_000, "session_id": learner.session_id}
        replies = await learner.send(huge, timeout=10)
    finally:
        if learner.client.connected:
            await learner.close()
    return not replies, f"'hi' answered; the 200 KB message: {len(replies)} replies within 10 s"


def _statuses(answers: List[Answer]) -> str:
    counted = {s: sum(a.status == s for a in answers) for s in sorted({a.status for a in answers})}
    return ", ".join(f"{n}x {s}" for s, n in counted.items())


def rest_burst(target: Target, turns: int = 20, settle: float = WINDOW_S) -> Verdict:
    """20 REST turns at once from one sender (a remote client) are throttled with 429."""
    remote_view(target)
    time.sleep(settle)
    sender = target.sender("burst")
    with ThreadPoolExecutor(turns) as pool:
        answers = list(pool.map(lambda _: target.rest(sender, "hi", "203.0.113.60"),
                                range(turns)))  # fmt: skip
    limited = [a for a in answers if a.status == 429]
    polite = all(a.header("Retry-After") for a in limited)
    return bool(limited) and polite, f"{_statuses(answers)}; Retry-After on every 429: {polite}"


def xff_ignored(target: Target, turns: int = 35, settle: float = WINDOW_S) -> Verdict:
    """35 turns at once, each claiming a new address and sender, share the peer's limit."""
    remote_view(target)
    time.sleep(settle)
    with ThreadPoolExecutor(turns) as pool:
        answers = list(pool.map(
            lambda n: target.rest(target.sender("xff"), "hi", f"198.51.100.{n + 1}"),
            range(turns)))  # fmt: skip
    limited = sum(a.status == 429 for a in answers)
    return limited > 0, (f"{_statuses(answers)} (had the header been believed, each turn "
                         "would be a new client's and none limited)")


def socketio_burst(target: Target, messages: int = 12, settle: float = WINDOW_S) -> Verdict:
    """12 socket.io messages at once from one remote learner get the slow-down reply."""
    remote_view(target)
    time.sleep(settle)
    return asyncio.run(_socketio_burst(target, messages))


async def _socketio_burst(target: Target, messages: int) -> Verdict:
    learner = await Learner(target.bot_url,
                            headers={"X-Forwarded-For": "203.0.113.70"}).connect()  # fmt: skip
    try:
        for _ in range(messages):
            await learner.emit("user_uttered", {"message": "hi",
                                                "session_id": learner.session_id})  # fmt: skip
        await asyncio.sleep(8)
    finally:
        await learner.close()
    slow = sum(1 for m in learner.received if isinstance(m, dict) and m.get("text") == SLOW_DOWN)
    return slow > 0, f"{slow} of {messages} messages got the slow-down reply"


def turn(target: Target, sender: str, message: str, client: Optional[str]) -> str:
    """One REST turn, waiting out a 429 (at most a minute); the reply's text."""
    for _ in range(12):
        answer = target.rest(sender, message, client)
        if answer.status != 429:
            break
        time.sleep(float(answer.header("Retry-After") or 5))
    if answer.status != 200:
        raise NotTried(f"{message!r} got {answer.status}")
    return texts(answer.body)


def hand_over(target: Target, sender: str, client: Optional[str]) -> Tuple[str, str]:
    """A learner's whole hand-over; ("filed" | "capped" | "stuck", the last reply)."""
    reply = ""
    for message in (START, "can I talk to a real person?", "yes", "Sam Patel",
                    target.email):  # fmt: skip
        reply = turn(target, sender, message, client)
        if CAP_TEXT in reply.lower():
            return "capped", reply
    return ("filed" if "reference" in reply.lower() else "stuck"), reply


def slots_cleared(target: Target) -> Verdict:
    """After a hand-over, 'yes' to another one asks for the name again, files nothing."""
    sender = target.sender("slots")
    state, reply = hand_over(target, sender, None)
    if state != "filed":
        raise NotTried(f"the first hand-over was not filed ({state}): {reply[:120]!r}")
    turn(target, sender, "can I talk to a real person?", None)
    again = turn(target, sender, "yes", None)
    filed = "reference" in again.lower()
    asks = "name" in again.lower()
    return not filed and asks, f"after the hand-over, 'yes' again got {again[:120]!r}"


def enquiry_flood(target: Target, settle: float = WINDOW_S) -> Verdict:
    """Hand-overs from one remote address, each in a new conversation, stop at the cap."""
    remote_view(target)
    time.sleep(settle)
    filed, states = 0, []
    for _ in range(FLOOD):
        state, reply = hand_over(target, target.sender("flood"), "203.0.113.80")
        states.append(state)
        if state == "stuck":
            raise NotTried(f"a hand-over neither filed nor capped: {reply[:120]!r}")
        if state == "capped":
            break
        filed += 1
    capped = states[-1] == "capped"
    observed = (f"{filed} filed, then {'capped' if capped else 'never capped'} "
                f"(of {len(states)} tried; documented cap {ADDRESS_CAP} a day per address, "
                "counted since the action server started)")
    return capped and filed <= ADDRESS_CAP, observed
