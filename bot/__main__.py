"""Command line of the assistant: ``python -m bot privacy prune|erase ...`` (:mod:`bot.privacy`)."""

from __future__ import annotations

import argparse
import sys
from typing import List, Optional, Sequence


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command; return the exit code."""
    args: List[str] = list(sys.argv[1:] if argv is None else argv)
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    parser.add_argument("command", choices=["privacy"])
    parser.parse_args(args[:1])
    from bot.privacy import main_lines
    from bot.tracker_store import tracker_url

    for line in main_lines(args[1:], tracker_url()):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
