"""Measure the assistant: ``make eval`` (``python -m tools.evaluate``).

1. Builds a catalogue database like ``make run`` does (demo network and Ofqual
   gazetteer) plus the test-only network ``fenland_coast``, whose names appear in no
   training data, so the held-out sets test names the model only knows from the
   catalogue.
2. Trains the full model from scratch (``rasa train --force``) and times it.
3. Runs ``rasa test nlu`` on each held-out set in ``tests/nlu/`` (never trained on)
   and reads intent macro-F1 and entity F1 from Rasa's reports. It also scores the
   final entity list the bot receives with exact spans, which is stricter.
4. Measures course resolution on ``tests/nlu/course_mentions.yml``.

Everything goes to ``bench/results/eval.json`` (course resolution also to
``bench/results/course_resolution.json``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

from pathways_catalogue.db import make_engine
from pathways_catalogue.service import bootstrap, import_folder
from pathways_catalogue.settings import PROJECT_ROOT

RESULTS = PROJECT_ROOT / "bench" / "results"
HELD_OUT = ["tests/nlu/test_nlu.yml", "tests/nlu/test_nlu_unseen.yml"]
SECOND_NETWORK = PROJECT_ROOT / "tests" / "data" / "networks" / "fenland_coast"


def run(command: List[str], env: Dict[str, str]) -> float:
    """Run a command from the project root; return its wall time in seconds."""
    started = time.perf_counter()
    subprocess.run(command, cwd=PROJECT_ROOT, env=env, check=True)
    return time.perf_counter() - started


def rasa_reports(folder: Path) -> Dict[str, Any]:
    """Intent and entity scores from the JSON reports ``rasa test nlu`` wrote."""
    intents = json.loads((folder / "intent_report.json").read_text())
    out: Dict[str, Any] = {
        "intent_macro_f1": round(intents["macro avg"]["f1-score"], 4),
        "intent_accuracy": round(intents["accuracy"], 4),
        "examples": intents["macro avg"]["support"],
    }
    for report in sorted(folder.glob("*_report.json")):
        name = report.name[: -len("_report.json")]
        if name == "intent":
            continue
        data = json.loads(report.read_text())
        if "micro avg" in data:
            out[f"entity_f1_{name}"] = round(data["micro avg"]["f1-score"], 4)
            out[f"entity_support_{name}"] = data["micro avg"]["support"]
            out[f"entity_f1_by_type_{name}"] = {
                k: round(v["f1-score"], 3)
                for k, v in data.items()
                if isinstance(v, dict) and "avg" not in k and k != "no_entity"
            }
    return out


async def exact_spans(model: Path, test_file: Path, db_url: str) -> Dict[str, Any]:
    """Entity precision/recall/F1 on the final entity list, counting exact spans.

    The final list is what the actions read: DIET's spans, resolved against the
    catalogue by the action server's :class:`~pathways_catalogue.mentions.MessageResolver`.
    """
    from rasa.core.agent import Agent
    from rasa.shared.nlu.training_data.loading import load_data
    from sqlalchemy.orm import Session

    from pathways_catalogue.mentions import MessageResolver
    from pathways_catalogue.resolve import Gazetteer

    engine = make_engine(db_url)
    with Session(engine, future=True) as session:
        resolver = MessageResolver(Gazetteer.from_session(session))
    engine.dispose()
    agent = Agent.load(str(model))
    data = load_data(str(test_file))
    tp: Counter = Counter()
    fp: Counter = Counter()
    fn: Counter = Counter()
    for example in data.nlu_examples:
        parsed = resolver.resolve(await agent.parse_message(example.get("text")))
        gold = {(e["start"], e["end"], e["entity"]) for e in example.get("entities", [])}
        predicted = {(e["start"], e["end"], e["entity"]) for e in parsed["entities"]}
        for item in gold:
            (tp if item in predicted else fn)[item[2]] += 1
        for item in predicted - gold:
            fp[item[2]] += 1
    t, f, n = sum(tp.values()), sum(fp.values()), sum(fn.values())
    precision = t / (t + f) if t + f else 0.0
    recall = t / (t + n) if t + n else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "support": t + n}  # fmt: skip


def evaluate(work: Path) -> Dict[str, Any]:
    """Build, train, test; return the results."""
    db_url = f"sqlite:///{work / 'eval.db'}"
    engine = make_engine(db_url)
    bootstrap(engine)
    import_folder(engine, SECOND_NETWORK)
    engine.dispose()
    # a private, empty Rasa cache: the training is timed from scratch
    env = dict(
        os.environ,
        CATALOGUE_URL=db_url,
        TF_CPP_MIN_LOG_LEVEL="2",
        RASA_CACHE_DIRECTORY=str(work / "rasa-cache"),
    )
    env.pop("PATHWAYS_NETWORK", None)
    models = work / "models"
    train_s = run([sys.executable, "-m", "rasa", "train", "--domain", "bot/domain", "--data",
                   "data", "--config", "config.yml", "--out", str(models), "--fixed-model-name",
                   "eval", "--force"], env)  # fmt: skip
    model = models / "eval.tar.gz"
    held_out: Dict[str, Any] = {}
    for name in HELD_OUT:
        out = work / Path(name).stem
        run([sys.executable, "-m", "rasa", "test", "nlu", "--model", str(model), "--nlu", name,
             "--out", str(out)], env)  # fmt: skip
        scores = rasa_reports(out)
        scores["entity_f1_exact_spans_final"] = asyncio.run(
            exact_spans(model, PROJECT_ROOT / name, db_url)
        )
        held_out[name] = scores
    resolution_out = RESULTS / "course_resolution.json"
    run([sys.executable, "tools/eval_course_resolution.py", "--out", str(resolution_out)], env)
    resolution = json.loads(resolution_out.read_text())
    return {
        "benchmark": "eval",
        "generated": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "train_full_s": round(train_s, 1),
        "train_target_s": 240,
        "held_out_nlu": held_out,
        "targets": {"intent_macro_f1": 0.95, "entity_f1": 0.90, "course_top1": 0.95},
        "course_resolution": {
            k: resolution[k] for k in ("mentions", "top1", "top3", "per_network") if k in resolution
        },
    }


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=RESULTS / "eval.json")
    parser.add_argument("--workdir", type=Path, help="keep the database and model here")
    args = parser.parse_args(argv)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="pathways-eval-"))
    work.mkdir(parents=True, exist_ok=True)
    results = evaluate(work)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
