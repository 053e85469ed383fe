"""Hostile input for the channels: a fixed, seeded generator (no randomness between runs).

Each case is what a client might send: a REST body (bytes) and a socket.io
``user_uttered`` payload. ``accepted`` says whether the REST channel must read it
(200 with at least one bot message) or refuse it (400).
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from typing import Any, Iterator, List

#: texts that must each get a reply
TEXTS: List[str] = [
    "", " ", "\t\n", "\x00", "\x00\x01\x02\x1b[31m", "\u200b\u200d\ufeff", "\u202e\u202d",
    "hi", "HI!!!", "?", "/", "//", "/restart", "/request_human", "/inform_course{",
    '/inform_course{"course": "x"}', "/nonexistent_intent", '{"intent": 1}',
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)",
    "{{7*7}}", "${jndi:ldap://x}", "%s%s%s%n", "'; DROP TABLE course; --",
    "1 OR 1=1", "\" OR \"\"=\"", "../../etc/passwd", "null", "undefined", "NaN",
    "مرحبا، أريد دراسة الهندسة", "שלום", "\u202eevil\u202c engineering", "工程学",
    "🙂🙂🙂", "👨‍👩‍👧‍👦", "🏳️‍🌈 nursing", "e\u0301ngineering",
    "\uff25\uff2e\uff27\uff29\uff2e\uff25\uff25\uff32\uff29\uff2e\uff27",
    "a" * 1999, "a" * 2001, "word " * 1000, "x" * 10_000, "x" * 60_000,
    "im doing the ext dip in enginering at northgate", "access course for nursing",
    "sam.patel@example.com", "07700 900123", "yes", "no", "1", "2",
]


@dataclass(frozen=True)
class Case:
    """One hostile request."""

    name: str
    rest_body: bytes
    socket_data: Any
    accepted: bool


def _mutate(text: str, rng: random.Random) -> str:
    """``text`` with a few characters of awkward kinds mixed in."""
    awkward = ["\x00", "\x7f", "\u200b", "\u202e", "🙂", "<", ">", "'", '"', "\\", "\n", "ß"]
    chars = list(text)
    for _ in range(rng.randint(1, 5)):
        chars.insert(rng.randint(0, len(chars)), rng.choice(awkward))
    return "".join(chars)


def fixed_cases(sender_prefix: str = "fuzz") -> List[Case]:
    """Every text of :data:`TEXTS`, every wrong type, every broken body: always sent first."""
    wrong: List[Any] = [None, 5, 1.5, True, [], ["hi"], {"text": "hi"}]
    fixed = [text_case(text, f"{sender_prefix}-{i}") for i, text in enumerate(TEXTS)]
    for value in wrong:
        body = json.dumps({"sender": f"{sender_prefix}-{len(fixed)}", "message": value}).encode()
        fixed.append(Case(f"message:{value!r}", body, {"message": value}, False))
    for body in [b"", b"null", b"[]", b"{", b"{not json", b"\xff\xfe\x00", b'"hi"', b"42",
                 b'{"message": "hi"}', b'{"sender": 5, "message": "hi"}',
                 b'{"sender": "", "message": "hi"}', b'{"sender": "' + b"s" * 300 + b'"}',
                 b'{"sender": "a", "message": "hi", "metadata": "x"}',
                 b'{"sender": "a\\u0000b", "message": "hi"}']:  # fmt: skip
        fixed.append(Case(f"body:{body[:20]!r}", body, body.decode("latin-1"), False))
    return fixed


def text_case(text: str, sender: str) -> Case:
    """A message the channels must read and answer."""
    body = json.dumps({"sender": sender, "message": text}).encode()
    return Case(f"text:{text[:20]!r}", body, {"message": text}, True)


def cases(count: int, sender_prefix: str = "fuzz", seed: int = 7) -> Iterator[Case]:
    """``count`` cases: the fixed ones (:func:`fixed_cases`), then seeded mutations."""
    rng = random.Random(seed)
    fixed = fixed_cases(sender_prefix)
    yield from fixed[:count]
    for n in range(max(0, count - len(fixed))):
        text = _mutate(rng.choice(TEXTS[:48]), rng)
        if n % 10 == 0 and len(text) < 1000:
            text = text * rng.randint(2, 50)
        yield text_case(text, f"{sender_prefix}-{len(fixed) + n}")
