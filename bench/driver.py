"""The load driver: simulated learners talking to a running assistant (asyncio + aiohttp).

Each learner holds one whole conversation (a list of messages) through the REST channel
under a sender id of its own. :func:`closed_loop` keeps N learners sending back to back;
:func:`open_loop` lets learners arrive at a fixed rate, each thinking a few seconds
between messages. :func:`parse_loop` sends the same texts to Rasa's ``/model/parse``
(the bare NLU baseline). :class:`RssSampler` follows the Rasa server's memory.
"""

from __future__ import annotations

import asyncio
import itertools
import random
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator, List, Optional, Sequence, Tuple

import aiohttp

#: how long one message may take before it counts as an error
REQUEST_TIMEOUT_S = 60.0
Conversation = Sequence[str]


@dataclass(frozen=True)
class Target:
    """A running Rasa server: its base URL and the HTTP API token (for the baseline)."""

    rasa_url: str
    token: str = ""
    #: the REST channel's token (``REST_CHANNEL_TOKEN``), when the channel requires one
    rest_token: str = ""

    @property
    def webhook(self) -> str:
        """The REST channel."""
        return f"{self.rasa_url}/webhooks/rest/webhook"

    @property
    def parse(self) -> str:
        """The HTTP API's bare NLU parse."""
        return f"{self.rasa_url}/model/parse"


@dataclass
class Outcome:
    """What one phase measured: per-message latencies (ms), errors and wall time."""

    latencies_ms: List[float] = field(default_factory=list)
    errors: int = 0
    sent: int = 0
    elapsed_s: float = 0.0
    error_examples: List[str] = field(default_factory=list)
    #: when each answer arrived, in seconds after ``started``
    answered_at_s: List[float] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)

    def answered(self, latency_ms: float) -> None:
        """Record one answer."""
        self.latencies_ms.append(latency_ms)
        self.answered_at_s.append(time.perf_counter() - self.started)

    def failed(self, what: str) -> None:
        """Count an error and keep the first few for the record."""
        self.errors += 1
        if len(self.error_examples) < 5:
            self.error_examples.append(what[:300])


def sender_id(prefix: str) -> str:
    """A unique sender id (one learner, one tracker)."""
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


async def say(http: aiohttp.ClientSession, target: Target, sender: str, text: str) -> float:
    """Send one learner message over REST; return the latency in ms.

    Raises:
        RuntimeError: on a non-200 answer or an empty reply.

    """
    started = time.perf_counter()
    headers = {"Authorization": f"Bearer {target.rest_token}"} if target.rest_token else None
    body_json = {"sender": sender, "message": text}
    async with http.post(target.webhook, json=body_json, headers=headers) as answer:
        body = await answer.json(content_type=None)
    elapsed = (time.perf_counter() - started) * 1000
    if answer.status != 200 or not body:
        raise RuntimeError(f"HTTP {answer.status}: {str(body)[:200]} for {text[:60]!r}")
    return elapsed


async def parse(http: aiohttp.ClientSession, target: Target, text: str) -> float:
    """Send one text to ``/model/parse``; return the latency in ms.

    Raises:
        RuntimeError: on a non-200 answer.

    """
    started = time.perf_counter()
    async with http.post(
        target.parse, params={"token": target.token}, json={"text": text}
    ) as answer:
        await answer.read()
    elapsed = (time.perf_counter() - started) * 1000
    if answer.status != 200:
        raise RuntimeError(f"HTTP {answer.status} from /model/parse")
    return elapsed


def client(connections: int) -> aiohttp.ClientSession:
    """An HTTP client with enough connections for every learner."""
    return aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=max(connections, 1)),
        timeout=aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S),
    )


async def _play(
    http: aiohttp.ClientSession,
    target: Target,
    conversation: Conversation,
    outcome: Outcome,
    think_s: float = 0.0,
    rng: Optional[random.Random] = None,
    budget: Optional[Iterator[int]] = None,
    deadline: Optional[float] = None,
) -> None:
    """One learner: every message of a conversation, in order, under one sender id."""
    sender = sender_id("bench")
    for number, text in enumerate(conversation):
        if deadline is not None and time.perf_counter() > deadline:
            return
        if budget is not None and next(budget, None) is None:
            return
        if number and think_s > 0 and rng is not None:
            await asyncio.sleep(rng.uniform(0.5 * think_s, 1.5 * think_s))
        outcome.sent += 1
        try:
            outcome.answered(await say(http, target, sender, text))
        except (aiohttp.ClientError, asyncio.TimeoutError, RuntimeError) as error:
            outcome.failed(f"{type(error).__name__}: {error}")
            return  # the conversation is broken; the learner leaves


async def closed_loop(
    target: Target,
    conversations: Sequence[Conversation],
    learners: int,
    turns: int,
    outcome: Optional[Outcome] = None,
    deadline: Optional[float] = None,
) -> Outcome:
    """``learners`` learners talk back to back until ``turns`` messages were sent.

    Each learner takes the next conversation (round robin) and starts it again under a
    new sender id when it ends. Pass ``outcome`` to watch it fill while it runs, and
    ``deadline`` (a ``time.perf_counter()`` value) to stop early.
    """
    outcome = outcome if outcome is not None else Outcome()
    budget = iter(range(turns))
    pool = itertools.cycle(conversations)

    async def learner(http: aiohttp.ClientSession) -> None:
        while True:
            before = outcome.sent
            await _play(http, target, next(pool), outcome, budget=budget, deadline=deadline)
            if outcome.sent == before or outcome.sent >= turns:
                return

    started = outcome.started = time.perf_counter()
    async with client(learners) as http:
        await asyncio.gather(*(learner(http) for _ in range(learners)))
    outcome.elapsed_s = time.perf_counter() - started
    return outcome


async def open_loop(
    target: Target,
    conversations: Sequence[Conversation],
    turns_per_s: float,
    duration_s: float,
    think_s: float,
    seed: int = 1,
) -> Tuple[Outcome, float]:
    """Learners arrive at a fixed rate for ``duration_s``, each thinking ``think_s`` (±50%).

    The arrival rate is chosen so that the offered load is ``turns_per_s`` messages per
    second once learners overlap. Returns the outcome (its ``elapsed_s`` runs until the
    last learner finished) and the arrival rate (learners/s).
    """
    mean_turns = sum(len(c) for c in conversations) / len(conversations)
    arrivals_per_s = turns_per_s / mean_turns
    rng = random.Random(seed)
    outcome = Outcome()
    pool = itertools.cycle(conversations)
    tasks: List[asyncio.Task[None]] = []
    started = outcome.started = time.perf_counter()
    async with client(1000) as http:
        next_arrival = started
        while next_arrival - started < duration_s:
            tasks.append(
                asyncio.create_task(_play(http, target, next(pool), outcome, think_s, rng))
            )
            next_arrival += rng.expovariate(arrivals_per_s)
            await asyncio.sleep(max(0.0, next_arrival - time.perf_counter()))
        await asyncio.gather(*tasks)
    outcome.elapsed_s = time.perf_counter() - started
    return outcome, arrivals_per_s


async def parse_loop(target: Target, texts: Sequence[str], clients: int, n: int) -> Outcome:
    """``clients`` callers send the texts (round robin) to ``/model/parse``, ``n`` in all."""
    outcome = Outcome()
    budget = iter(range(n))
    pool = itertools.cycle(texts)

    async def caller(http: aiohttp.ClientSession) -> None:
        while next(budget, None) is not None:
            outcome.sent += 1
            try:
                outcome.answered(await parse(http, target, next(pool)))
            except (aiohttp.ClientError, asyncio.TimeoutError, RuntimeError) as error:
                outcome.failed(f"{type(error).__name__}: {error}")

    started = outcome.started = time.perf_counter()
    async with client(clients) as http:
        await asyncio.gather(*(caller(http) for _ in range(clients)))
    outcome.elapsed_s = time.perf_counter() - started
    return outcome


def rss_mb(pid: int) -> float:
    """The resident memory of a process and its children, in MB (from ``/proc``)."""
    total_kb = 0
    for one in [pid, *_children(pid)]:
        try:
            for line in Path(f"/proc/{one}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kb += int(line.split()[1])
        except OSError:
            continue
    return total_kb / 1024


def _children(pid: int) -> List[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    found = [int(p) for p in text.split()]
    return found + [grand for child in found for grand in _children(child)]


class RssSampler:
    """Samples a process's RSS every ``every_s`` seconds, against the turns answered."""

    def __init__(self, pid: int, turns: Callable[[], int], every_s: float = 1.0) -> None:
        self.pid = pid
        self.turns = turns
        self.every_s = every_s
        self.samples: List[Tuple[float, float]] = []
        self._task: Optional[asyncio.Task[None]] = None

    async def _run(self) -> None:
        while True:
            self.samples.append((float(self.turns()), rss_mb(self.pid)))
            await asyncio.sleep(self.every_s)

    def start(self) -> None:
        """Start sampling (inside a running event loop)."""
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        """Take a last sample and stop."""
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
        self.samples.append((float(self.turns()), rss_mb(self.pid)))
