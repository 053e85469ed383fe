"""On/off switches read from the environment, and imports a process keeps out.

A switch is on unless its variable says ``0``, ``false`` or ``no`` (any case): the
start-up changes of ``docs/performance.md`` are on by default and each has one.
"""

from __future__ import annotations

import sys
from typing import Mapping

#: the values that turn a switch off
OFF = frozenset({"0", "false", "no"})


def switched_on(env: Mapping[str, str], name: str) -> bool:
    """Whether the switch ``name`` is on in ``env`` (unset counts as on)."""
    return env.get(name, "1").strip().lower() not in OFF


def keep_out(module: str, env: Mapping[str, str], switch: str) -> bool:
    """Make ``import module`` fail in this process, unless ``switch`` is off in ``env``.

    For optional backends a library tries and treats an ImportError as "not installed".
    Returns whether it is now blocked (False if the module was imported already).
    """
    if not switched_on(env, switch) or sys.modules.get(module) is not None:
        return False
    sys.modules[module] = None  # type: ignore[assignment]
    return True
