"""Command line: ``python -m enquiries upgrade [--db URL]`` migrates the enquiry tables."""

from __future__ import annotations

import argparse
import sys
from typing import Optional, Sequence

from enquiries.db import upgrade
from storage import make_engine


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command; return the exit code."""
    parser = argparse.ArgumentParser(prog="python -m enquiries", description=__doc__)
    parser.add_argument("--db", help="database URL (default: $CATALOGUE_URL or var/pathways.db)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("upgrade", help="apply the enquiry schema migrations")
    args = parser.parse_args(list(argv) if argv is not None else None)
    engine = make_engine(args.db)
    try:
        upgrade(engine)
    finally:
        engine.dispose()
    print("enquiry schema up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
