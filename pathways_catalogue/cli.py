"""Command line: ``python -m pathways_catalogue COMMAND`` (also installed as ``catalogue``)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

from sqlalchemy.orm import Session

from pathways_catalogue.contract import AGREEMENT_KINDS, STUDY_MODES
from pathways_catalogue.db import make_engine, upgrade
from pathways_catalogue.gaps import format_report, gaps_report
from pathways_catalogue.importers.folder import read_network
from pathways_catalogue.importers.records import ImportProblems
from pathways_catalogue.queries import CatalogueError, search_courses, stats
from pathways_catalogue.routes import Constraints, Route, Start, find_routes
from pathways_catalogue.service import bootstrap, import_record


def _print_problems(err: ImportProblems) -> int:
    print(f"{len(err.problems)} problem(s) found; nothing was imported:", file=sys.stderr)
    for problem in err.problems:
        print(f"  {problem}", file=sys.stderr)
    return 1


def cmd_validate(args: argparse.Namespace) -> int:
    """Check a network folder without importing it."""
    try:
        record = read_network(Path(args.path))
    except ImportProblems as err:
        return _print_problems(err)
    print(
        f"{args.path}: OK: {len(record.institutions)} institutions, "
        f"{len(record.courses)} courses, {len(record.progressions)} agreements, "
        f"{len(record.contacts)} contacts"
    )
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    """Validate and import a network folder, replacing an older copy."""
    try:
        record = read_network(Path(args.path))
    except ImportProblems as err:
        return _print_problems(err)
    engine = make_engine(args.db)
    upgrade(engine)
    import_record(engine, record, progress=True)
    print(
        f"imported network {record.slug!r}: {len(record.institutions)} institutions, "
        f"{len(record.courses)} courses, {len(record.progressions)} agreements, "
        f"{len(record.contacts)} contacts"
    )
    return 0


def cmd_import_discoveruni(args: argparse.Namespace) -> int:
    """Import a region's HE courses from Discover Uni tables as a network."""
    from pathways_catalogue.importers.discoveruni import read_discoveruni

    try:
        record = read_discoveruni(
            Path(args.folder),
            slug=args.slug,
            name=args.name,
            region=args.region,
            ukprns=args.ukprn or None,
        )
    except ImportProblems as err:
        return _print_problems(err)
    engine = make_engine(args.db)
    upgrade(engine)
    import_record(engine, record, progress=True)
    print(
        f"imported network {record.slug!r} from Discover Uni: "
        f"{len(record.institutions)} institutions, {len(record.courses)} courses"
    )
    return 0


def cmd_import_ofqual(args: argparse.Namespace) -> int:
    """Load Ofqual Register titles into the qualification gazetteer."""
    from pathways_catalogue.importers.ofqual import import_ofqual

    engine = make_engine(args.db)
    upgrade(engine)
    try:
        count = import_ofqual(engine, [Path(p) for p in args.paths], progress=True)
    except ImportProblems as err:
        return _print_problems(err)
    print(f"gazetteer now holds {count} qualification titles")
    return 0


def cmd_ofqual_index(args: argparse.Namespace) -> int:
    """Build the Ofqual titles' index the action server reads at start (``var/cache/``)."""
    from pathways_catalogue.resolve import Gazetteer, ofqual_cache
    from pathways_catalogue.resolve.gazetteer import qualification_titles

    cache = ofqual_cache.folder(os.environ)
    if cache is None:
        print(f"the Ofqual index cache is off ({ofqual_cache.ENABLED_ENV}=0): nothing to build")
        return 0
    engine = make_engine(args.db)
    with Session(engine, future=True) as session:
        titles = qualification_titles(session)
    Gazetteer(qualifications=titles).warm_up(cache)
    stored = ofqual_cache.path(cache, ofqual_cache.key(titles))
    print(f"Ofqual index of {len(titles)} titles: {stored}")
    return 0


def cmd_upgrade(args: argparse.Namespace) -> int:
    """Apply schema migrations."""
    upgrade(make_engine(args.db))
    return 0


def cmd_bootstrap(args: argparse.Namespace) -> int:
    """Migrate, and import the demo network if the database is empty."""
    engine = make_engine(args.db)
    slug = bootstrap(engine)
    print(f"imported demo network {slug!r}" if slug else "catalogue already loaded")
    return 0


def cmd_courses_search(args: argparse.Namespace) -> int:
    """Search course titles and aliases."""
    engine = make_engine(args.db)
    with Session(engine, future=True) as session:
        hits = search_courses(session, args.text, network=args.network, limit=args.limit)
        rows = [
            {
                "course_id": h.course.code,
                "title": h.course.title,
                "institution": h.course.institution.name,
                "level": h.course.level,
                "subject": h.course.subject,
                "score": h.score,
            }
            for h in hits
        ]
    if args.json:
        print(json.dumps(rows, indent=2))
    elif not rows:
        print("no matching courses")
    for row in rows if not args.json else []:
        print(
            f"{row['score']:5.1f}  {row['course_id']:<24} L{row['level']}  "
            f"{row['title']} ({row['institution']})"
        )
    return 0


def format_route(number: int, route: Route) -> str:
    """A route as readable text."""
    lines = [f"{number}. score {route.score:.2f}"]
    for step in route.steps:
        lines.append(f"   -> L{step.level} {step.title}, {step.institution} [{step.kind}]")
        if step.conditions:
            lines.append(f"      conditions: {step.conditions}")
        if step.entry_requirements:
            lines.append(f"      entry: {step.entry_requirements}")
    if route.contact:
        c = route.contact
        reach = ", ".join(x for x in (c.email, c.phone) if x)
        lines.append(f"   contact: {c.name}, {c.role}, {c.institution} ({reach})")
    lines.append(f"   why: {route.why}")
    return "\n".join(lines)


def cmd_routes(args: argparse.Namespace) -> int:
    """Suggest ranked progression routes."""
    if not args.from_course and (args.level is None or not args.subject):
        print("give --from-course ID, or --level N and --subject S", file=sys.stderr)
        return 2
    start = Start(course=args.from_course, level=args.level, subject=args.subject)
    constraints = Constraints(
        modes=frozenset(args.mode or ()),
        town=args.town,
        max_distance_km=args.max_distance,
        max_level=args.max_level,
        kinds=frozenset(args.kind or ()),
        allow_lower=args.allow_lower,
    )
    engine = make_engine(args.db)
    with Session(engine, future=True) as session:
        try:
            routes = find_routes(
                session,
                start,
                interests=args.interest or "",
                constraints=constraints,
                network=args.network,
                limit=args.limit,
            )
        except CatalogueError as err:
            print(f"error: {err}", file=sys.stderr)
            return 1
    if args.json:
        print(json.dumps([r.to_dict() for r in routes], indent=2))
        return 0
    if not routes:
        print("no routes found; try fewer constraints")
    for number, route in enumerate(routes, 1):
        print(format_route(number, route))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    """Print what the catalogue holds."""
    engine = make_engine(args.db)
    upgrade(engine)
    with Session(engine, future=True) as session:
        data: Dict[str, Any] = stats(session)
    if args.json:
        print(json.dumps(data, indent=2))
        return 0
    for n in data["networks"]:
        print(
            f"{n['slug']}: {n['name']}: {n['institutions']} institutions, "
            f"{n['courses']} courses, {n['progressions']} agreements, "
            f"{n['contacts']} contacts"
        )
    if not data["networks"]:
        print("no networks imported")
    print(f"qualification gazetteer: {data['qualifications']} titles")
    return 0


def cmd_gaps(args: argparse.Namespace) -> int:
    """Report where a network's progression routes are missing."""
    engine = make_engine(args.db)
    with Session(engine, future=True) as session:
        try:
            report = gaps_report(session, args.network)
        except CatalogueError as err:
            print(f"error: {err}", file=sys.stderr)
            return 1
    print(report.to_json() if args.json else format_report(report), end="\n" if args.json else "")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every command."""
    parser = argparse.ArgumentParser(
        prog="catalogue", description="The Pathways network catalogue."
    )
    parser.add_argument("--db", help="database URL (default: $CATALOGUE_URL or var/pathways.db)")
    sub = parser.add_subparsers(dest="command", required=True)
    _add_import_commands(sub)
    _add_schema_commands(sub)
    _add_query_commands(sub)
    return parser


def _add_import_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the commands that check or import data: validate, import, import-*."""
    p = sub.add_parser("validate", help="check a network folder")
    p.add_argument("path")
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("import", help="import a network folder (replaces it)")
    p.add_argument("path")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("import-discoveruni", help="import HE courses from Discover Uni")
    p.add_argument("folder", help="folder with INSTITUTION/KISCOURSE-style tables")
    p.add_argument("--slug", default="discoveruni")
    p.add_argument("--name", default="Discover Uni courses")
    p.add_argument("--region", default="")
    p.add_argument("--ukprn", action="append", help="only these providers (repeatable)")
    p.set_defaults(func=cmd_import_discoveruni)

    p = sub.add_parser("import-ofqual", help="load Ofqual titles into the gazetteer")
    p.add_argument("paths", nargs="+", help="Ofqual export files (.csv or .json)")
    p.set_defaults(func=cmd_import_ofqual)


def _add_schema_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the commands that set up the database: bootstrap, upgrade, ofqual-index."""
    p = sub.add_parser("bootstrap", help="migrate; import the demo network if empty")
    p.set_defaults(func=cmd_bootstrap)

    p = sub.add_parser("upgrade", help="apply schema migrations")
    p.set_defaults(func=cmd_upgrade)

    p = sub.add_parser(
        "ofqual-index", help="build the Ofqual index the action server reads at start"
    )
    p.set_defaults(func=cmd_ofqual_index)


def _add_query_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the commands that read the catalogue: courses search, routes, gaps, stats."""
    courses = sub.add_parser("courses", help="course commands")
    csub = courses.add_subparsers(dest="courses_command", required=True)
    p = csub.add_parser("search", help="find courses by title or alias")
    p.add_argument("text")
    p.add_argument("--network")
    p.add_argument("--limit", type=int, default=10)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_courses_search)

    p = sub.add_parser("routes", help="suggest progression routes")
    p.add_argument("--from-course", metavar="ID")
    p.add_argument("--level", type=int)
    p.add_argument("--subject")
    p.add_argument("--interest", default="")
    p.add_argument("--mode", action="append", choices=sorted(STUDY_MODES))
    p.add_argument("--town")
    p.add_argument("--max-distance", type=float, metavar="KM")
    p.add_argument("--max-level", type=int)
    p.add_argument("--kind", action="append", choices=sorted(AGREEMENT_KINDS))
    p.add_argument("--allow-lower", action="store_true")
    p.add_argument("--network")
    p.add_argument("--limit", type=int, default=5)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_routes)

    p = sub.add_parser("gaps", help="where a network's progression routes are missing")
    p.add_argument("--network", help="the network's id (default: the only one imported)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_gaps)

    p = sub.add_parser("stats", help="what the catalogue holds")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_stats)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the CLI; return the exit code."""
    args = build_parser().parse_args(list(argv) if argv is not None else None)
    result: int = args.func(args)
    return result


def run() -> None:
    """Entry point of ``python -m pathways_catalogue`` and ``catalogue``: exit with the code."""
    sys.exit(main())


__all__: List[str] = ["build_parser", "main", "run"]
