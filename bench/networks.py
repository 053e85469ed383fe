"""The networks the load benchmark runs on, and the learners' conversations for each.

The demo network plays its evaluation scenarios (``evaluation/scenarios/``). The
synthetic network (``bench.catalogue_bench.generate``, 50,000 courses by default) has no
hand-written scenarios, so its conversations are built from its own courses, colleges,
towns and interests in the shapes the scenarios use: the whole profile in one message,
step by step, constraints, and follow-ups (contact, requirements, what comes after).
"""

from __future__ import annotations

import csv
import json
import random
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List

from bench import catalogue_bench
from bench.stats import load_average
from evaluation import scenarios, servers
from pathways_catalogue.settings import PROJECT_ROOT

DEMO_FOLDER = PROJECT_ROOT / "pathways_catalogue" / "data" / "vale_and_wolds"
#: where deployments (database, model, logs) are kept between runs (``var/`` is ignored)
WORKDIR = PROJECT_ROOT / "var" / "bench"
SYNTHETIC_SLUG = "synthetic"


@dataclass(frozen=True)
class Network:
    """A deployed network, how long it took to build, and its learners' conversations."""

    deployment: servers.Deployment
    conversations: List[List[str]]
    build: Dict[str, Any]

    @property
    def texts(self) -> List[str]:
        """Every learner message (the parse baseline sends these)."""
        return [text for conversation in self.conversations for text in conversation]


def demo_conversations() -> List[List[str]]:
    """The demo network's evaluation scenarios, as lists of learner messages."""
    loaded = scenarios.load(scenarios.scenario_file("vale_and_wolds"))
    return [[turn.user for turn in s.turns] for s in loaded.scenarios]


def _rows(path: Path) -> List[Dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def synthetic_conversations(folder: Path, count: int = 40, seed: int = 11) -> List[List[str]]:
    """Conversations about the courses of a generated network (see the module docstring)."""
    rng = random.Random(seed)
    institutions = {row["id"]: row for row in _rows(folder / "institutions.csv")}
    starts = [row for row in _rows(folder / "courses.csv") if row["level"] in ("2", "3")]
    keywords = catalogue_bench.KEYWORDS
    shapes = [
        lambda c, i, k: [
            f"hi im doing the {c['title']} at {i['name']} and im into {k}, what can i do next?",
            "who do i contact about the first one",
            "what do i need to get onto it",
        ],
        lambda c, i, k: [
            "hiya",
            c["aliases"].split(";")[0],
            f"{i['name'].lower()}",
            f"i like {k}",
            "what comes after the first one?",
        ],
        lambda c, i, k: [
            f"im on {c['aliases'].split(';')[0]} at {i['name']}, any part time options?",
            f"near {i['town']}",
            "tell me more about the second one",
            "who do i talk to about that",
        ],
        lambda c, i, k: [
            f"L{c['level']} {c['subject'].lower()} at {i['name'].lower()}",
            f"actually id rather do {k}",
            "can i talk to a real person?",
            "no thanks",
        ],
    ]
    out: List[List[str]] = []
    for number in range(count):
        course = rng.choice(starts)
        institution = institutions[course["institution_id"]]
        out.append(shapes[number % len(shapes)](course, institution, rng.choice(keywords)))
    return out


def _deploy(workdir: Path, folder: Path, slug: str, retrain: bool) -> Dict[str, Any]:
    """Import and train unless done before; return (and keep) how long each step took."""
    record = workdir / "build.json"
    deployment = servers.Deployment(slug, workdir)
    if record.exists() and deployment.model.exists() and not retrain:
        built: Dict[str, Any] = json.loads(record.read_text(encoding="utf-8"))
        built["reused"] = True
        return built
    (workdir / "catalogue.db").unlink(missing_ok=True)
    built = {"load_average_before": load_average()}
    started = time.perf_counter()
    servers.prepare(workdir, folder, slug)
    built["import_s"] = round(time.perf_counter() - started, 1)
    built["load_average_after_import"] = load_average()
    # the model does not depend on the network: a retrain (--retrain) trains it again
    built["train_s"] = round(servers.train(deployment, force=retrain), 1)
    built["load_average_after_train"] = load_average()
    built["at"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    record.write_text(json.dumps(built, indent=2) + "\n", encoding="utf-8")
    built["reused"] = False
    return built


def demo(retrain: bool = False, root: Path = WORKDIR) -> Network:
    """The demo network, deployed under ``var/bench/vale_and_wolds``."""
    workdir = root / "vale_and_wolds"
    build = _deploy(workdir, DEMO_FOLDER, "vale_and_wolds", retrain)
    return Network(servers.Deployment("vale_and_wolds", workdir), demo_conversations(), build)


def synthetic(
    courses: int = 50_000, retrain: bool = False, seed: int = 7, root: Path = WORKDIR
) -> Network:
    """The synthetic network of ``courses`` courses (``bench.catalogue_bench``), deployed."""
    workdir = root / f"{SYNTHETIC_SLUG}_{courses}"
    folder = workdir / SYNTHETIC_SLUG
    if not (folder / "courses.csv").exists() or retrain:
        institutions = max(10, courses * 300 // 50_000)
        catalogue_bench.generate(folder, institutions, courses, courses * 4, seed)
        retrain = True
    build = _deploy(workdir, folder, SYNTHETIC_SLUG, retrain)
    build["courses"] = courses
    deployment = servers.Deployment(SYNTHETIC_SLUG, workdir)
    return Network(deployment, synthetic_conversations(folder), build)
