"""Conversation scenarios: loading them and judging the bot's replies.

The file format is described in ``evaluation/scenarios/FORMAT.md``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

import yaml

SCENARIOS_DIR = Path(__file__).resolve().parent / "scenarios"

CATEGORIES = (
    "whole_profile",
    "step_by_step",
    "aliases_typos",
    "interests",
    "constraints",
    "contact",
    "requirements",
    "after",
    "change_of_mind",
    "detour",
    "level_awareness",
    "unknown_course",
    "handover",
)


class ScenarioError(ValueError):
    """A scenario file that does not follow the format."""


@dataclass(frozen=True)
class Turn:
    """One learner message and what its reply must (not) contain."""

    user: str
    expect_any: Tuple[str, ...] = ()
    expect_all: Tuple[str, ...] = ()
    expect_none: Tuple[str, ...] = ()
    expect_regex: Optional[str] = None

    def problems(self, reply: str) -> List[str]:
        """What is wrong with ``reply`` (empty when the turn passes)."""
        if not reply.strip():
            return ["no reply"]
        lowered = reply.lower()
        found: List[str] = []
        if self.expect_any and not any(e.lower() in lowered for e in self.expect_any):
            found.append(f"none of {list(self.expect_any)}")
        found += [f"missing {e!r}" for e in self.expect_all if e.lower() not in lowered]
        found += [f"unwanted {e!r}" for e in self.expect_none if e.lower() in lowered]
        if self.expect_regex and not re.search(self.expect_regex, reply):
            found.append(f"no match for /{self.expect_regex}/")
        return found


@dataclass(frozen=True)
class Scenario:
    """A whole conversation with one learner."""

    id: str
    category: str
    turns: Tuple[Turn, ...]
    description: str = ""


@dataclass(frozen=True)
class ScenarioSet:
    """The scenarios of one network."""

    network: str
    scenarios: Tuple[Scenario, ...]
    path: Path = field(default=Path())


def _strings(value: Any, where: str) -> Tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) and v for v in value):
        return tuple(value)
    raise ScenarioError(f"{where}: expected a list of strings")


def _turn(raw: Any, where: str) -> Turn:
    if not isinstance(raw, dict) or not isinstance(raw.get("user"), str):
        raise ScenarioError(f"{where}: a turn needs 'user' text")
    unknown = set(raw) - {"user", "expect_any", "expect_all", "expect_none", "expect_regex"}
    if unknown:
        raise ScenarioError(f"{where}: unknown keys {sorted(unknown)}")
    regex = raw.get("expect_regex")
    if regex is not None:
        try:
            re.compile(regex)
        except re.error as error:
            raise ScenarioError(f"{where}: bad expect_regex ({error})") from error
    return Turn(
        user=raw["user"],
        expect_any=_strings(raw.get("expect_any"), where),
        expect_all=_strings(raw.get("expect_all"), where),
        expect_none=_strings(raw.get("expect_none"), where),
        expect_regex=regex,
    )


def load(path: Path) -> ScenarioSet:
    """Read and check a scenario file.

    Raises:
        ScenarioError: naming the file and the scenario that breaks the format.

    """
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not isinstance(data.get("scenarios"), list):
        raise ScenarioError(f"{path}: expected 'network' and a list of 'scenarios'")
    seen: set = set()
    scenarios: List[Scenario] = []
    for number, raw in enumerate(data["scenarios"], start=1):
        where = f"{path.name}: scenario {number} ({raw.get('id', '?')})"
        if raw.get("id") in seen or not raw.get("id"):
            raise ScenarioError(f"{where}: ids must be present and unique")
        if raw.get("category") not in CATEGORIES:
            raise ScenarioError(f"{where}: unknown category {raw.get('category')!r}")
        turns = raw.get("turns") or []
        if not turns:
            raise ScenarioError(f"{where}: no turns")
        seen.add(raw["id"])
        scenarios.append(
            Scenario(
                id=raw["id"],
                category=raw["category"],
                turns=tuple(_turn(t, f"{where} turn {i}") for i, t in enumerate(turns, 1)),
                description=str(raw.get("description") or ""),
            )
        )
    return ScenarioSet(str(data.get("network") or path.stem), tuple(scenarios), path)


#: sets of scenarios beside the main one, each a folder of ``<network>.yml`` files:
#: ``real_words``, adapted from real public posts (``evaluation/real_posts/``)
SETS = ("real_words",)


def scenario_file(network: str, scenario_set: str | None = None) -> Path:
    """The scenario file of a network, in the main set or in ``scenario_set``."""
    folder = SCENARIOS_DIR / scenario_set if scenario_set else SCENARIOS_DIR
    return folder / f"{network}.yml"


def learner_texts(paths: Sequence[Path]) -> List[str]:
    """Every learner message of the given scenario files."""
    return [turn.user for path in paths for s in load(path).scenarios for turn in s.turns]


def reply_text(messages: Sequence[Dict[str, Any]]) -> str:
    """The texts of the bot's messages for one turn (buttons and payloads left out)."""
    return "\n".join(str(m.get("text") or "") for m in messages if m.get("text"))
