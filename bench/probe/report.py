"""Attacks, their verdicts and the probe's report: pure, no I/O.

An attack is *stopped* (``passed``), *succeeded* (``failed``) or could not be tried
(``not tried``, always with the reason): an attack that was not tried is never counted
as stopped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Dict, List, Sequence, Tuple

PASSED = "passed"
FAILED = "failed"
NOT_TRIED = "not tried"
VERDICTS = (PASSED, FAILED, NOT_TRIED)


class NotTried(Exception):
    """The attack could not be tried; the message says why."""


@dataclass(frozen=True)
class Outcome:
    """What one attack tried, what should have happened, what did, and the verdict."""

    name: str
    tried: str
    expected: str
    observed: str
    verdict: str

    def to_dict(self) -> Dict[str, Any]:
        """The JSON record; ``passed`` is true only for an attack that was tried and stopped."""
        return {
            "name": self.name,
            "tried": self.tried,
            "expected": self.expected,
            "observed": self.observed,
            "verdict": self.verdict,
            "passed": self.verdict == PASSED,
        }


#: what an attack's check returns: (the attack was stopped, what was observed)
Verdict = Tuple[bool, str]


@dataclass(frozen=True)
class Attack:
    """One attack: its name, what it tries, what a safe deployment does, and the check.

    ``check`` raises :class:`NotTried` when the attack cannot be tried.
    """

    name: str
    tried: str
    expected: str
    check: Callable[[], Verdict]


def attempt(attack: Attack) -> Outcome:
    """Run ``attack``; an error on the way (a server down, a timeout) means not tried."""
    try:
        stopped, observed = attack.check()
    except NotTried as reason:
        return Outcome(attack.name, attack.tried, attack.expected, str(reason), NOT_TRIED)
    except Exception as error:  # any error: the attack was not tried
        observed = f"could not try: {type(error).__name__}: {error}"
        return Outcome(attack.name, attack.tried, attack.expected, observed, NOT_TRIED)
    verdict = PASSED if stopped else FAILED
    return Outcome(attack.name, attack.tried, attack.expected, observed, verdict)


def counts(outcomes: Sequence[Outcome]) -> Dict[str, int]:
    """How many attacks got each verdict."""
    return {verdict: sum(o.verdict == verdict for o in outcomes) for verdict in VERDICTS}


def build_report(outcomes: Sequence[Outcome], target: Dict[str, Any],
                 seconds: float) -> Dict[str, Any]:  # fmt: skip
    """The JSON report: the target, the counts, every attack, and whether any succeeded."""
    return {
        "what": "security probe of a running `make run` (issue 15)",
        "target": target,
        "seconds": round(seconds, 1),
        "counts": counts(outcomes),
        "found_nothing": not any(o.verdict == FAILED for o in outcomes),
        "attacks": [o.to_dict() for o in outcomes],
    }


def exit_code(outcomes: Sequence[Outcome]) -> int:
    """1 if any attack succeeded, else 0 (an attack not tried does not fail the run)."""
    return 1 if any(o.verdict == FAILED for o in outcomes) else 0


def table(outcomes: Sequence[Outcome]) -> str:
    """One line per attack: the verdict, the name and what was observed."""
    lines: List[str] = []
    for outcome in outcomes:
        lines.append(f"{outcome.verdict.upper():<10} {outcome.name}: {outcome.observed}")
    summary = counts(outcomes)
    lines.append(", ".join(f"{n} {verdict}" for verdict, n in summary.items()))
    return "\n".join(lines)
