"""The scenario files load, and replies are judged as the format says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from evaluation.scenarios import (
    CATEGORIES,
    SCENARIOS_DIR,
    ScenarioError,
    Turn,
    load,
    reply_text,
)

FILES = sorted(SCENARIOS_DIR.glob("*.yml"))
REAL_WORDS = sorted((SCENARIOS_DIR / "real_words").glob("*.yml"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_scenario_file_loads_and_names_its_network(path: Path) -> None:
    scenarios = load(path)
    assert scenarios.network == path.stem
    assert len(scenarios.scenarios) >= 40
    assert {s.category for s in scenarios.scenarios} == set(CATEGORIES)


@pytest.mark.parametrize("path", REAL_WORDS, ids=lambda p: p.name)
def test_real_words_scenarios_name_their_network_and_post(path: Path) -> None:
    scenarios = load(path)
    assert scenarios.network == path.stem
    assert (SCENARIOS_DIR.parent / "networks" / path.stem).is_dir()
    assert len(scenarios.scenarios) >= 25
    assert all(re.search(r"\brp-\d{3}\b", s.description or "") for s in scenarios.scenarios)


def test_a_turn_passes_only_when_every_expectation_holds() -> None:
    turn = Turn(user="hi", expect_any=("HNC", "HND"), expect_all=("Northgate",),
                expect_none=("couldn't find",), expect_regex=r"PW-[A-Z0-9]{6}")  # fmt: skip
    assert turn.problems("HNC at Northgate College, reference PW-7K3M9Q") == []
    problems = turn.problems("I couldn't find a degree at Ouse Valley")
    assert len(problems) == 4
    assert Turn(user="x").problems("   ") == ["no reply"]


def test_the_reply_is_the_text_of_the_messages_without_buttons() -> None:
    reply = reply_text([{"text": "one", "buttons": [{"title": "HNC"}]}, {"image": "x"},
                        {"text": "two"}])  # fmt: skip
    assert reply == "one\ntwo"


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("network: x\nscenarios:\n  - {id: a, category: nope, turns: [{user: hi}]}\n",
         "unknown category"),
        ("network: x\nscenarios:\n  - {id: a, category: detour, turns: []}\n", "no turns"),
        ("network: x\nscenarios:\n  - {id: a, category: detour, turns: [{user: hi, nope: 1}]}\n",
         "unknown keys"),
        ("network: x\nscenarios:\n  - {id: a, category: detour, turns: [{user: hi}]}\n"
         "  - {id: a, category: detour, turns: [{user: hi}]}\n", "unique"),
        ("network: x\nscenarios:\n  - {id: a, category: detour, turns: [{user: hi, "
         "expect_regex: '('}]}\n", "bad expect_regex"),
    ],
)
def test_a_broken_file_is_rejected_with_the_scenario_named(
    tmp_path: Path, body: str, error: str
) -> None:
    path = tmp_path / "x.yml"
    path.write_text(body)
    with pytest.raises(ScenarioError, match=error):
        load(path)
