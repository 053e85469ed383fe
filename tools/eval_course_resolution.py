"""Measure course resolution on held-out learner mentions.

    .venv/bin/python tools/eval_course_resolution.py [--mentions FILE] [--out FILE]

Imports the networks named in the mentions file (and the Ofqual gazetteer, when the
register exports are there) into a temporary SQLite database, builds one
:class:`~pathways_catalogue.resolve.Gazetteer` per network, resolves every mention
and writes top-1 / top-3 accuracy overall and per network, with every failure, to
``bench/results/course_resolution.json``. Numbers are measured, never tuned to.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

import yaml
from sqlalchemy.orm import Session

from pathways_catalogue.db import make_engine, upgrade
from pathways_catalogue.resolve import CourseCandidate, Gazetteer
from pathways_catalogue.service import import_folder
from pathways_catalogue.settings import OFQUAL_FILES

ROOT = Path(__file__).resolve().parent.parent
MENTIONS = ROOT / "tests" / "nlu" / "course_mentions.yml"
RESULTS = ROOT / "bench" / "results" / "course_resolution.json"
#: the Ofqual exports shipped with the catalogue (pathways_catalogue/data/ofqual/)
OFQUAL = OFQUAL_FILES[0].parent
OFQUAL_NAMES = tuple(path.name for path in OFQUAL_FILES)


def _brief(candidate: CourseCandidate) -> Dict[str, Any]:
    return {
        "course_id": candidate.course_id,
        "title": candidate.title,
        "institution": candidate.institution,
        "level": candidate.level,
        "score": candidate.score,
        "source": candidate.source,
    }


def _rate(hits: int, total: int) -> Optional[float]:
    return round(hits / total, 4) if total else None


def _score_network(
    gazetteers: Dict[str, Gazetteer], network: str, mentions: List[Dict[str, Any]]
) -> Tuple[Dict[str, Any], List[Dict[str, Any]], List[float]]:
    """Resolve the mentions of courses in ``network``.

    Returns its top-1/top-3 scores, the mentions whose top answer was wrong, and the
    time each resolution took (s).
    """
    failures: List[Dict[str, Any]] = []
    timings: List[float] = []
    top1 = top3 = 0
    for item in mentions:
        wanted = {item["course"], *item.get("accept", [])}
        started = time.perf_counter()
        found = gazetteers[network].resolve_course(item["text"], item.get("institution"))
        timings.append(time.perf_counter() - started)
        ids = [c.course_id for c in found]
        if ids[:1] and ids[0] in wanted:
            top1 += 1
        else:
            failures.append(
                {
                    "network": network,
                    "text": item["text"],
                    "expected": sorted(wanted),
                    "got": [_brief(c) for c in found[:3]],
                }
            )
        if wanted & set(ids[:3]):
            top3 += 1
    scores = {
        "mentions": len(mentions),
        "top1": _rate(top1, len(mentions)),
        "top3": _rate(top3, len(mentions)),
        "top1_hits": top1,
    }
    return scores, failures, timings


def _score_outside(
    gazetteers: Dict[str, Gazetteer], spec: Dict[str, Any]
) -> Tuple[Dict[str, Any], List[Dict[str, Any]]]:
    """Resolve the mentions of courses no network offers (``not_in_network``).

    A hit is a top answer from the Ofqual gazetteer at the expected level. Returns the
    counts and accuracy, and the misses.
    """
    failures: List[Dict[str, Any]] = []
    outside: Dict[str, Any] = {"mentions": 0, "hits": 0}
    for network, mentions in spec.get("not_in_network", {}).items():
        for item in mentions:
            found = gazetteers[network].resolve_course(item["text"])
            outside["mentions"] += 1
            top = found[0] if found else None
            if top is not None and top.source == "gazetteer" and top.level == item["level"]:
                outside["hits"] += 1
            else:
                failures.append(
                    {
                        "network": network,
                        "text": item["text"],
                        "expected": {"source": "gazetteer", "level": item["level"]},
                        "got": [_brief(c) for c in found[:3]],
                    }
                )
    outside["accuracy"] = _rate(outside["hits"], outside["mentions"])
    return outside, failures


def evaluate(gazetteers: Dict[str, Gazetteer], spec: Dict[str, Any]) -> Dict[str, Any]:
    """Resolve every mention of ``spec``; return the report."""
    per_network: Dict[str, Dict[str, Any]] = {}
    failures: List[Dict[str, Any]] = []
    timings: List[float] = []
    for network, mentions in spec["mentions"].items():
        per_network[network], missed, took = _score_network(gazetteers, network, mentions)
        failures += missed
        timings += took
    outside, missed = _score_outside(gazetteers, spec)
    failures += missed
    total = sum(n["mentions"] for n in per_network.values())
    hits = sum(n["top1_hits"] for n in per_network.values())
    top3_hits = sum(round((n["top3"] or 0) * n["mentions"]) for n in per_network.values())
    timings.sort()
    return {
        "mentions": total,
        "top1": _rate(hits, total),
        "top3": _rate(top3_hits, total),
        "per_network": per_network,
        "not_in_network": outside,
        "median_ms": round(1000 * timings[len(timings) // 2], 2) if timings else None,
        "failures": failures,
    }


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the evaluation; exit 1 if top-1 accuracy is under ``--min-top1``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentions", type=Path, default=MENTIONS)
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--ofqual", type=Path, default=OFQUAL, help="Ofqual exports folder")
    parser.add_argument("--no-ofqual", action="store_true", help="skip the Ofqual gazetteer")
    parser.add_argument("--min-top1", type=float, default=0.0)
    args = parser.parse_args(argv)
    spec = yaml.safe_load(args.mentions.read_text(encoding="utf-8"))
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{Path(tmp) / 'eval.db'}")
        upgrade(engine)
        for folder in spec["networks"].values():
            import_folder(engine, ROOT / folder)
        ofqual = [args.ofqual / name for name in OFQUAL_NAMES]
        with_ofqual = not args.no_ofqual and all(p.exists() for p in ofqual)
        if with_ofqual:
            from pathways_catalogue.importers.ofqual import import_ofqual

            import_ofqual(engine, ofqual)
        with Session(engine, future=True) as session:
            gazetteers = {
                slug: Gazetteer.from_session(session, network=slug) for slug in spec["networks"]
            }
        engine.dispose()
    for gazetteer in gazetteers.values():
        gazetteer.warm_up()
    report = {
        "generated": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "python": platform.python_version(),
        "mentions_file": str(args.mentions.relative_to(ROOT) if args.mentions.is_absolute()
                             and ROOT in args.mentions.parents else args.mentions),
        "ofqual_gazetteer": with_ofqual,
        "setup_s": round(time.perf_counter() - started, 2),
        **evaluate(gazetteers, spec),
    }  # fmt: skip
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(
        f"top-1 {report['top1']} top-3 {report['top3']} over {report['mentions']} mentions; "
        + ", ".join(f"{k}: {v['top1']}" for k, v in report["per_network"].items())
        + f"; not in network: {report['not_in_network']['accuracy']}; "
        f"{len(report['failures'])} failures -> {args.out}"
    )
    return 0 if (report["top1"] or 0) >= args.min_top1 else 1


if __name__ == "__main__":
    sys.exit(main())
