"""Benchmark: import a large synthetic network and time route queries.

``make bench-catalogue`` (or ``python -m bench.catalogue_bench --help``). Writes
``bench/results/catalogue.json``. Numbers are measured, never asserted.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any, Dict, Iterable, List, Tuple

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bench.stats import machine, write_json
from pathways_catalogue.contract import AGREEMENT_KINDS, COLUMNS, NETWORK_FILE, STUDY_MODES
from pathways_catalogue.db import make_engine, upgrade
from pathways_catalogue.models import Course
from pathways_catalogue.routes import Constraints, Start, find_routes
from pathways_catalogue.service import import_folder

RESULTS = Path(__file__).resolve().parent / "results"
SUBJECTS = [
    "Engineering", "Automotive", "Construction", "Computing", "Health and Social Care",
    "Early Years", "Business", "Creative Arts", "Sport", "Land-based Studies", "Hospitality",
    "Hair and Beauty", "Public Services", "Science", "Education", "Logistics", "Digital Media",
    "Music", "Performing Arts", "Travel and Tourism",
]  # fmt: skip
KEYWORDS = [
    "robotics", "electronics", "mechanic", "electric vehicles", "bricklaying", "plumbing",
    "cyber security", "programming", "nursing", "midwife", "paramedic", "childcare",
    "teaching", "accounting", "marketing", "photography", "animation", "football coaching",
    "fitness", "animal care", "horticulture", "chef", "events", "beauty therapy", "policing",
    "forensics", "laboratory", "warehouse", "game design", "sound engineering",
]  # fmt: skip
#: the levels the synthetic courses use (the importer checks them against the contract)
QUALS = {2: "Level 2 Diploma", 3: "Level 3 Extended Diploma", 4: "HNC", 5: "HND", 6: "BSc (Hons)"}
LEVEL_MIX = [2, 3, 3, 3, 4, 4, 5, 5, 6, 6]
MODES = sorted(STUDY_MODES)
KINDS = sorted(AGREEMENT_KINDS)
TOWNS = [
    ("York", 53.96, -1.08),
    ("Leeds", 53.80, -1.55),
    ("Hull", 53.74, -0.33),
    ("Selby", 53.78, -1.07),
    ("Harrogate", 53.99, -1.54),
    ("Scarborough", 54.28, -0.40),
]


def write_csv(folder: Path, name: str, rows: Iterable[Dict[str, Any]]) -> None:
    """Write ``rows`` under the contract's full header for ``name``; absent cells stay blank."""
    required, optional = COLUMNS[name]
    with (folder / name).open("w", newline="", encoding="utf-8") as handle:
        out = csv.DictWriter(handle, fieldnames=[*required, *optional], restval="")
        out.writeheader()
        out.writerows(rows)


def generate(folder: Path, institutions: int, courses: int, agreements: int, seed: int) -> None:
    """Write a synthetic network folder in the import format (validated on import)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / NETWORK_FILE).write_text(
        "name: Synthetic benchmark network\nregion: Nowhere\n"
        "description: Generated for benchmarking; nothing in it is real.\n",
        encoding="utf-8",
    )
    places = [TOWNS[i % len(TOWNS)] for i in range(institutions)]
    write_csv(folder, "institutions.csv", (
        {"id": f"i{i}", "name": f"Institution {i}", "kind": "university" if i % 10 == 0
         else "college", "town": town, "latitude": lat + rng.uniform(-0.2, 0.2),
         "longitude": lon + rng.uniform(-0.2, 0.2)}
        for i, (town, lat, lon) in enumerate(places)
    ))  # fmt: skip
    levels: List[int] = []
    rows: List[Dict[str, Any]] = []
    for c in range(courses):
        level, subject = rng.choice(LEVEL_MIX), rng.choice(SUBJECTS)
        modes = ";".join(rng.sample(MODES, rng.randint(1, 3)))
        keywords = ";".join(rng.sample(KEYWORDS, 3))
        levels.append(level)
        rows.append({"id": f"c{c}", "institution_id": f"i{rng.randrange(institutions)}",
                     "title": f"{QUALS[level]} in {subject} {c}", "qualification": QUALS[level],
                     "level": level, "subject": subject, "modes": modes,
                     "aliases": f"{subject.lower()} l{level}", "keywords": keywords})  # fmt: skip
    write_csv(folder, "courses.csv", rows)
    by_level: Dict[int, List[int]] = {}
    for index, level in enumerate(levels):
        by_level.setdefault(level, []).append(index)
    sources = [i for i, level in enumerate(levels) if level < max(QUALS)]
    pairs: Dict[Tuple[int, int], str] = {}
    while len(pairs) < agreements:
        source = rng.choice(sources)
        target = rng.choice(by_level[rng.randint(levels[source] + 1, max(QUALS))])
        if (source, target) not in pairs:
            pairs[source, target] = rng.choice(KINDS)
    write_csv(folder, "progressions.csv", (
        {"from_course_id": f"c{a}", "to_course_id": f"c{z}", "kind": kind,
         "conditions": "Pass overall"} for (a, z), kind in pairs.items()
    ))  # fmt: skip
    write_csv(folder, "contacts.csv", (
        {"id": f"k{i}", "institution_id": f"i{i}", "name": f"Adviser {i}", "role": "Admissions",
         "email": f"adviser{i}@example.ac.uk"} for i in range(institutions)
    ))  # fmt: skip


def percentile(values: List[float], fraction: float) -> float:
    """The value at ``fraction`` (0..1) of the sorted values, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _query(rng: random.Random, q: int, codes: List[str]) -> Tuple[str, Start, Constraints, str]:
    """The ``q``-th random route query: its kind, start, constraints and interests.

    Every fifth starts from a level and subject, the others from a course; of every
    four, one adds a study mode and one a town.
    """
    kind = "from_course"
    if q % 5 == 4:
        start = Start(level=rng.choice([2, 3, 4]), subject=rng.choice(SUBJECTS))
        kind = "from_level_subject"
    else:
        start = Start(course=rng.choice(codes))
    constraints = Constraints()
    if q % 4 == 1:
        constraints = Constraints(modes=frozenset({rng.choice(MODES)}))
        kind += "+mode"
    elif q % 4 == 2:
        constraints = Constraints(town=rng.choice(TOWNS)[0], max_distance_km=40)
        kind += "+town"
    interests = " ".join(rng.sample(KEYWORDS, rng.randint(0, 2)))
    return kind, start, constraints, interests


def _time_routes(
    engine: Engine, queries: int, seed: int
) -> Tuple[List[float], Dict[str, List[float]], List[int]]:
    """Time ``queries`` random route queries from courses below level 6.

    Returns each query's time (ms), the times by kind of query, and how many
    routes each query found.
    """
    rng = random.Random(seed + 1)
    with Session(engine, future=True) as session:
        codes = list(session.execute(select(Course.code).where(Course.level < 6)).scalars())
    timings: List[float] = []
    by_kind: Dict[str, List[float]] = {}
    route_counts: List[int] = []
    with Session(engine, future=True) as session:
        for q in range(queries):
            kind, start, constraints, interests = _query(rng, q, codes)
            t0 = time.perf_counter()
            routes = find_routes(session, start, interests=interests, constraints=constraints)
            timings.append((time.perf_counter() - t0) * 1000)
            by_kind.setdefault(kind, []).append(timings[-1])
            route_counts.append(len(routes))
    return timings, by_kind, route_counts


def run(args: argparse.Namespace) -> Dict[str, Any]:
    """Generate, import and query; return the results."""
    measured_on = machine()  # the load average as the run starts
    work = Path(args.workdir or tempfile.mkdtemp(prefix="pathways-bench-"))
    folder = work / "network"
    started = time.perf_counter()
    generate(folder, args.institutions, args.courses, args.agreements, args.seed)
    generate_s = time.perf_counter() - started
    engine = make_engine(f"sqlite:///{work / 'bench.db'}")
    upgrade(engine)
    started = time.perf_counter()
    import_folder(engine, folder, progress=args.progress)
    import_s = time.perf_counter() - started

    timings, by_kind, route_counts = _time_routes(engine, args.queries, args.seed)
    engine.dispose()
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "benchmark": "catalogue",
        "database": "sqlite",
        "machine": measured_on,
        "network": {
            "institutions": args.institutions,
            "courses": args.courses,
            "agreements": args.agreements,
        },
        "generate_s": round(generate_s, 2),
        "import_s": round(import_s, 2),
        "queries": args.queries,
        "route_query_ms": {
            "p50": round(percentile(timings, 0.50), 2),
            "p95": round(percentile(timings, 0.95), 2),
            "p99": round(percentile(timings, 0.99), 2),
            "max": round(max(timings), 2),
            "mean": round(statistics.fmean(timings), 2),
        },
        "route_query_ms_by_kind": {
            kind: {
                "n": len(values),
                "p50": round(percentile(values, 0.50), 2),
                "p95": round(percentile(values, 0.95), 2),
            }
            for kind, values in sorted(by_kind.items())
        },
        "routes_per_query_mean": round(statistics.fmean(route_counts), 2),
        "queries_with_no_route": sum(1 for n in route_counts if n == 0),
        "peak_rss_mb": round(peak_kb / 1024, 1),
        "targets": {"import_s": 60, "route_query_p95_ms": 10},
    }


def main() -> None:
    """Parse arguments, run, and write the JSON results."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--institutions", type=int, default=300)
    parser.add_argument("--courses", type=int, default=50_000)
    parser.add_argument("--agreements", type=int, default=200_000)
    parser.add_argument("--queries", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workdir", help="where to write the network and database")
    parser.add_argument("--out", default=str(RESULTS / "catalogue.json"))
    parser.add_argument("--progress", action="store_true", help="show a progress bar")
    args = parser.parse_args()
    results = run(args)
    write_json(Path(args.out), results)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
