"""Everyday words must not become courses: ``make eval-everyday``.

Reads the held-out set ``tests/nlu/everyday_words.yml`` (messages full of ordinary
words that name no course, subject, institution or town: "who do I contact about it",
"I don't care", "a local electrician") and resolves each message against each network's
catalogue with the action server's :class:`~pathways_catalogue.mentions.MessageResolver`.

Two ways of feeding the resolver, so both of its paths are measured:

* ``text``: the text alone (what it finds by itself);
* ``diet``: the text plus, worst case, a DIET span on every risky word of the message
  tagged as a course and as a subject (what it makes of spans the model tags);
* ``model`` (``--model``): the text plus the spans a trained model really tags.

A message is a false positive when a course, institution, town or subject comes out
resolved; interests are counted apart. The rate is reported per network and mode, with
the offending messages; the goal is 0. JSON in ``bench/results/everyday_words.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence

import yaml
from sqlalchemy.orm import Session

from pathways_catalogue.db import make_engine, upgrade
from pathways_catalogue.mentions import RESOLVER_NAME, MessageResolver
from pathways_catalogue.resolve import Gazetteer
from pathways_catalogue.service import bootstrap, import_folder
from pathways_catalogue.settings import DEMO_NETWORK, PROJECT_ROOT

SET = PROJECT_ROOT / "tests" / "nlu" / "everyday_words.yml"
NETWORKS_DIR = PROJECT_ROOT / "evaluation" / "networks"
RESULTS = PROJECT_ROOT / "bench" / "results" / "everyday_words.json"
#: entity types that must not come out of an everyday message
WRONG = ("course", "institution", "town", "subject")


@dataclass(frozen=True)
class Message:
    """One held-out message and the words in it that look like catalogue names."""

    text: str
    risky: Sequence[str]
    context: str


def load(path: Path = SET) -> List[Message]:
    """The held-out messages."""
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Message(str(m["text"]), tuple(str(r) for r in m.get("risky") or ()),
                    str(m.get("context") or "")) for m in spec["messages"]]  # fmt: skip


def networks() -> Dict[str, Path]:
    """The demo network and every evaluation network, by slug."""
    found = {"vale_and_wolds": DEMO_NETWORK}
    folders = sorted(NETWORKS_DIR.glob("*"))
    found.update({p.name: p for p in folders if (p / "courses.csv").exists()})
    return found


def gazetteer_of(folder: Path, workdir: Path, with_ofqual: bool = True) -> Gazetteer:
    """The gazetteer of one network folder, imported into a scratch database.

    ``with_ofqual``: also the shipped Ofqual titles, as ``make run`` serves them.
    """
    workdir.mkdir(parents=True, exist_ok=True)
    engine = make_engine(f"sqlite:///{workdir / 'catalogue.db'}")
    try:
        if with_ofqual:
            bootstrap(engine, folder)
        else:
            upgrade(engine)
            import_folder(engine, folder)
        with Session(engine, future=True) as session:
            return Gazetteer.from_session(session, network=folder.name)
    finally:
        engine.dispose()


def diet_spans(message: Message) -> List[Dict[str, Any]]:
    """Worst-case DIET: every risky word tagged as a course and as a subject."""
    spans: List[Dict[str, Any]] = []
    for word in message.risky:
        for match in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", message.text, re.IGNORECASE):
            for kind in ("course", "subject"):
                spans.append({"entity": kind, "start": match.start(), "end": match.end(),
                              "value": match.group(0), "extractor": "DIETClassifier"})  # fmt: skip
    return spans


def wrong_entities(entities: Iterable[Dict[str, Any]]) -> List[str]:
    """The resolved course, institution, town and subject entities ("type: value")."""
    return [f"{e['entity']}: {e.get('value')}" for e in entities
            if e.get("extractor") == RESOLVER_NAME and e.get("entity") in WRONG
            and e.get("additional_info")]  # fmt: skip


def interests(entities: Iterable[Dict[str, Any]]) -> List[str]:
    """The resolved interests."""
    return [str(e.get("value")) for e in entities
            if e.get("extractor") == RESOLVER_NAME and e.get("entity") == "interest"]  # fmt: skip


Spans = Callable[[Message], List[Dict[str, Any]]]


def measure(resolver: MessageResolver, messages: Sequence[Message], spans: Spans) -> Dict[str, Any]:
    """False positives of one resolver over the set, with DIET spans from ``spans``."""
    wrong: List[Dict[str, Any]] = []
    with_interest = 0
    for message in messages:
        entities = resolver.entities(message.text, spans(message), None)
        found = wrong_entities(entities)
        if found:
            wrong.append({"text": message.text, "found": found})
        with_interest += bool(interests(entities))
    return {
        "messages": len(messages),
        "false_positives": len(wrong),
        "false_positive_rate": round(len(wrong) / len(messages), 4) if messages else 0.0,
        "with_an_interest": with_interest,
        "wrong": wrong,
    }


def model_spans(model: Path) -> Spans:
    """DIET's spans from a trained model, parsed in process."""
    from rasa.core.agent import Agent

    agent = Agent.load(str(model))
    cache: Dict[str, List[Dict[str, Any]]] = {}

    def spans(message: Message) -> List[Dict[str, Any]]:
        if message.text not in cache:
            parsed = asyncio.run(agent.parse_message(message.text))
            cache[message.text] = list(parsed.get("entities") or [])
        return cache[message.text]

    return spans


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Measure every network; exit 1 when any message gives a false positive."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--network", action="append", help="a network slug (default: all)")
    parser.add_argument("--model", type=Path, help="also measure with this model's DIET spans")
    parser.add_argument("--no-ofqual", action="store_true", help="network courses only")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    messages = load()
    modes: Dict[str, Spans] = {"text": lambda m: [], "diet": diet_spans}
    if args.model:
        modes["model"] = model_spans(args.model)
    results: Dict[str, Any] = {
        "benchmark": "everyday_words", "generated": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "set": str(SET.relative_to(PROJECT_ROOT)), "messages": len(messages), "networks": {},
    }  # fmt: skip
    failed = 0
    with tempfile.TemporaryDirectory(prefix="pathways-everyday-") as tmp:
        for slug, folder in networks().items():
            if args.network and slug not in args.network:
                continue
            resolver = MessageResolver(gazetteer_of(folder, Path(tmp) / slug, not args.no_ofqual))
            per_mode = {mode: measure(resolver, messages, spans) for mode, spans in modes.items()}
            results["networks"][slug] = per_mode
            for mode, result in per_mode.items():
                failed += result["false_positives"]
                print(f"{slug:16} {mode:6} false positives {result['false_positives']:3} of "
                      f"{result['messages']} ({result['false_positive_rate']:.1%}), "
                      f"with an interest {result['with_an_interest']}")  # fmt: skip
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
