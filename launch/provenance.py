"""What a measurement was taken on: the machine, its load and the code's commit.

Every benchmark (`bench/`) and evaluation (`evaluation/`) file records these, so a
number quoted from it can be checked against the machine and the code that made it.
"""

from __future__ import annotations

import os
import platform
import subprocess
import time
from pathlib import Path
from typing import Any, Dict, Optional

#: the project's checkout
ROOT = Path(__file__).resolve().parent.parent


def load_average() -> Dict[str, float]:
    """The machine's 1, 5 and 15 minute load averages (next to every number we record)."""
    one, five, fifteen = os.getloadavg()
    return {"1m": round(one, 2), "5m": round(five, 2), "15m": round(fifteen, 2)}


def machine() -> Dict[str, Any]:
    """What the numbers were measured on."""
    return {
        "python": platform.python_version(),
        "cpus": os.cpu_count() or 0,
        "platform": platform.platform(),
        "load_average": load_average(),
        "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }


def commit(root: Path = ROOT) -> Dict[str, Any]:
    """The checked-out commit of ``root`` and whether tracked files differ from it.

    ``{"id": None, "changed": None}`` when git or the repository is not there.
    """
    def git(*args: str) -> Optional[str]:
        try:
            done = subprocess.run(
                ["git", *args], cwd=root, capture_output=True, text=True, timeout=30, check=True
            )
        except (OSError, subprocess.SubprocessError):
            return None
        return done.stdout.strip()

    head = git("rev-parse", "HEAD")
    if not head:
        return {"id": None, "changed": None}
    status = git("status", "--porcelain", "--untracked-files=no")
    return {"id": head, "changed": None if status is None else bool(status)}
