"""``python -m bot.channels credentials [--out FILE]``: write the credentials file."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import List, Optional

from bot.channels.credentials import enabled, write


def main(argv: Optional[List[str]] = None) -> int:
    """Run the command; return the exit status."""
    parser = argparse.ArgumentParser(prog="python -m bot.channels")
    commands = parser.add_subparsers(dest="command", required=True)
    command = commands.add_parser("credentials", help="write the Rasa credentials file")
    command.add_argument("--out", type=Path, help="the file (default: standard output)")
    args = parser.parse_args(argv)
    for warning in write(os.environ, args.out):
        print(f"warning: {warning}", file=sys.stderr)
    on = enabled(os.environ)
    print(f"messaging channels on: {', '.join(on) or 'none'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
