"""Whole conversations in learners' words, through the real servers, on the demo network.

The scenarios of ``evaluation/scenarios/vale_and_wolds.yml`` (written from the
catalogue, never trained on) are played over REST exactly as ``make
eval-conversations`` plays them; the demo network must pass as the evaluation
networks must: at least 95%.
"""

from __future__ import annotations

import json
from typing import Any, Dict, List

import pytest

from evaluation.conversations import TARGET, play, summarise
from evaluation.scenarios import load, scenario_file
from evaluation.servers import Servers

pytestmark = [pytest.mark.slow, pytest.mark.e2e]


def test_the_demo_scenarios_pass(demo_servers: Servers) -> None:
    scenarios = load(scenario_file("vale_and_wolds"))
    latencies: List[float] = []
    results: List[Dict[str, Any]] = [play(demo_servers, s, latencies) for s in scenarios.scenarios]
    report = summarise(results)
    failures = [r for r in results if not r["passed"]]
    assert report["pass_rate"] >= TARGET, json.dumps(failures, indent=1)[:8000]
