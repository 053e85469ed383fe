"""Everyday words name no course, subject, institution or town, on every network.

The held-out set ``tests/nlu/everyday_words.yml`` (528 messages, never trained on) is
resolved with each network's catalogue, as the action server resolves a message
(network courses only; ``make eval-everyday`` adds the Ofqual titles and a trained
model's spans). Two ways: the text alone, and the text with a DIET span tagged as a
course and a subject on every function word and acronym in it ("it", "us", "local"),
which is what made "who do I contact about it" a question about an IT course.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List

import pytest

from evaluation.everyday import Message, diet_spans, gazetteer_of, load, measure, networks
from pathways_catalogue.mentions import MessageResolver
from pathways_catalogue.mentions.everyday import everyday_words

NETWORKS = networks()
#: the demo network, the blind one with an "L2 IT" course and a town called Church, and
#: one more (make eval-everyday runs them all)
CHECKED = ("vale_and_wolds", "pennine_lancs", "solent_downs")


@pytest.fixture(scope="module")
def messages() -> List[Message]:
    return load()


def function_word_spans(message: Message) -> List[Dict[str, Any]]:
    """DIET spans on the message's function words and acronyms only."""
    table = everyday_words()
    risky = [w for w in message.risky if w.lower() in table.function_words | table.acronyms]
    return diet_spans(Message(message.text, tuple(risky), message.context))


@pytest.mark.parametrize("slug", CHECKED)
def test_no_everyday_message_names_anything(
    slug: str, messages: List[Message], tmp_path: Path
) -> None:
    resolver = MessageResolver(gazetteer_of(NETWORKS[slug], tmp_path, with_ofqual=False))
    alone = measure(resolver, messages, lambda m: [])
    assert alone["false_positives"] == 0, alone["wrong"]
    tagged = measure(resolver, messages, function_word_spans)
    assert tagged["false_positives"] == 0, tagged["wrong"]


def test_the_set_is_big_enough(messages: List[Message]) -> None:
    assert len(messages) >= 300
    assert sum(" it " in f" {m.text.lower()} " for m in messages) >= 40
