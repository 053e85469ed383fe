"""Command line: ``python -m insights upgrade|refresh [--db URL] [--tracker-db URL]``.

``refresh`` reads the conversations stored since the last run into the weekly
aggregates (migrating the insights tables first) and says how long it took.
"""

from __future__ import annotations

import argparse
import sys
from typing import Optional, Sequence

from insights.db import upgrade
from insights.job import Conflict, refresh
from storage import make_engine, tracker_database_url


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command; return the exit code."""
    parser = argparse.ArgumentParser(prog="python -m insights", description=__doc__)
    parser.add_argument("--db", help="database URL (default: $CATALOGUE_URL or var/pathways.db)")
    parser.add_argument(
        "--tracker-db", help="tracker store URL (default: $TRACKER_STORE_URL or var/tracker.db)"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("upgrade", help="apply the insights schema migrations")
    sub.add_parser("refresh", help="read the new conversations into the aggregates")
    args = parser.parse_args(list(argv) if argv is not None else None)
    engine = make_engine(args.db)
    try:
        upgrade(engine)
        if args.command == "upgrade":
            print("insights schema up to date")
            return 0
        tracker = make_engine(args.tracker_db or tracker_database_url())
        try:
            done = refresh(tracker, engine)
        except Conflict as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
        finally:
            tracker.dispose()
    finally:
        engine.dispose()
    print(
        f"read {done.events} event(s), recounted {done.conversations} conversation(s), "
        f"retired {done.retired}, in {done.seconds:.2f} s (last event {done.last_event_id})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
