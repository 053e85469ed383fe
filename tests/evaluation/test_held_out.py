"""Held out means held out: no test text is trained on, no evaluation network is in the data.

The held-out NLU sets (``tests/nlu/``), the course mentions and the conversation
scenarios (``evaluation/scenarios/``) measure how the assistant does on text it never
saw. One verbatim copy in ``data/`` makes those numbers lie, so these tests fail on
any. Texts are compared with entity annotations removed, in lower case, with
whitespace collapsed.
"""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, List

import pytest
import yaml

from evaluation.scenarios import SCENARIOS_DIR, learner_texts
from pathways_catalogue.settings import PROJECT_ROOT

DATA = PROJECT_ROOT / "data"
HELD_OUT_NLU = sorted((PROJECT_ROOT / "tests" / "nlu").glob("test_*.yml"))
MENTIONS = PROJECT_ROOT / "tests" / "nlu" / "course_mentions.yml"
EVERYDAY = PROJECT_ROOT / "tests" / "nlu" / "everyday_words.yml"
SCENARIOS = sorted(SCENARIOS_DIR.rglob("*.yml"))
EVALUATION_NETWORKS = sorted(
    p for p in (PROJECT_ROOT / "evaluation" / "networks").glob("*") if p.is_dir()
)
_ANNOTATION = re.compile(r"\[([^\]]*)\](?:\([^)]*\)|\{[^}]*\})")


def normal(text: str) -> str:
    """A text without entity annotations, lower case, single spaces."""
    return " ".join(_ANNOTATION.sub(r"\1", text).lower().split())


def nlu_examples(path: Path) -> List[str]:
    """The example texts of an NLU YAML file (annotations kept)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out = []
    for item in data.get("nlu", []):
        for line in str(item.get("examples") or "").splitlines():
            if line.strip().startswith("- "):
                out.append(line.strip()[2:])
    return out


@lru_cache(maxsize=1)
def training_texts() -> FrozenSet[str]:
    """Every NLU example of the training data, normalised."""
    return frozenset(normal(t) for path in DATA.rglob("*.yml") for t in nlu_examples(path))


def test_training_data_is_read() -> None:
    assert len(training_texts()) > 500


@pytest.mark.parametrize("path", HELD_OUT_NLU, ids=lambda p: p.name)
def test_no_held_out_nlu_example_is_in_the_training_data(path: Path) -> None:
    examples = nlu_examples(path)
    assert examples
    copied = [t for t in examples if normal(t) in training_texts()]
    assert not copied, f"{path.name}: {len(copied)} examples are in data/: {copied}"


def test_no_course_mention_is_in_the_training_data() -> None:
    spec = yaml.safe_load(MENTIONS.read_text(encoding="utf-8"))
    texts = [m["text"] for group in spec["mentions"].values() for m in group]
    texts += [m["text"] for group in spec.get("not_in_network", {}).values() for m in group]
    assert texts
    assert not [t for t in texts if normal(t) in training_texts()]


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.name)
def test_no_scenario_message_is_in_the_training_data(path: Path) -> None:
    texts = learner_texts([path])
    # one-word answers ("yes", "thanks") are in any training set; longer ones must not be
    copied = [t for t in texts if len(t.split()) > 2 and normal(t) in training_texts()]
    assert not copied, f"{path.name}: learner messages copied from data/: {copied}"


def network_names(folder: Path) -> Dict[str, str]:
    """Institution names and towns of a network folder, by lower-case name."""
    names: Dict[str, str] = {}
    with (folder / "institutions.csv").open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            for key in ("name", "town"):
                if row.get(key):
                    names[row[key].lower()] = f"{folder.name}/institutions.csv {key}"
    return names


@pytest.mark.parametrize("folder", EVALUATION_NETWORKS, ids=lambda p: p.name)
def test_evaluation_networks_are_not_in_data_rules_or_stories(folder: Path) -> None:
    names = network_names(folder)
    assert names
    text = "\n".join(p.read_text(encoding="utf-8").lower() for p in DATA.rglob("*.yml"))
    found = [n for n in names if re.search(rf"\b{re.escape(n)}\b", text)]
    assert not found, f"names of the evaluation network {folder.name} in data/: {found}"


def test_no_everyday_words_message_is_in_the_training_data() -> None:
    spec = yaml.safe_load(EVERYDAY.read_text(encoding="utf-8"))
    texts = [m["text"] for m in spec["messages"]]
    assert len(texts) >= 300
    copied = [t for t in texts if len(t.split()) > 2 and normal(t) in training_texts()]
    assert not copied, f"everyday_words.yml: messages copied from data/: {copied}"
