"""Dependency audit: fail on a known vulnerability, unless it is a documented exception.

- Python: ``pip-audit --strict`` on ``requirements.lock.txt`` (every pin, no
  resolution), run from its own virtualenv (``var/audit-venv``, made from
  ``.ci/audit-requirements.txt``): pip-audit needs packaging>=23 and CacheControl>=0.13,
  which Rasa 3.6's pins (packaging<21, CacheControl<0.13) forbid in the project's venv.
- npm: ``npm audit`` in ``web/frontend`` (its package-lock.json).

An advisory listed in ``.ci/audit-exceptions.md`` (a table row whose first cell is the
id in backquotes) is reported but does not fail the run.

When the advisory databases cannot be reached (this workplace's sandbox answers PyPI's
JSON API with 404, osv.dev does not resolve, and the npm registry refuses the audit
endpoint), the run says so loudly, as "NOT AUDITED", and fails only with ``--strict``:
an unreachable database is not a known vulnerability, and CI must not stop on it. Run
``python3 .ci/audit.py --strict`` where the databases are reachable.

Run: ``python3 .ci/audit.py`` (``.ci/run`` does). Exit code 0: nothing unexpected.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Set, Tuple

ROOT = Path(__file__).resolve().parent.parent
EXCEPTIONS = ROOT / ".ci" / "audit-exceptions.md"
TOOLS = ROOT / "var" / "audit-venv"
ID = re.compile(r"^\|\s*`((?:PYSEC|GHSA|CVE|OSV)-[^`]+)`\s*\|", re.MULTILINE)


def exceptions() -> Set[str]:
    """The advisory ids documented as accepted, with their reasons, in the exceptions file."""
    return set(ID.findall(EXCEPTIONS.read_text(encoding="utf-8")))


def pip_audit_tool() -> Path:
    """pip-audit in its own virtualenv (made on first use)."""
    tool = TOOLS / "bin" / "pip-audit"
    if not tool.exists():
        python = ROOT / ".venv" / "bin" / "python"
        subprocess.run([str(python if python.exists() else sys.executable), "-m", "venv",
                        str(TOOLS)], check=True)  # fmt: skip
        subprocess.run([str(TOOLS / "bin" / "pip"), "install", "-q", "-r",
                        str(ROOT / ".ci" / "audit-requirements.txt")], check=True)  # fmt: skip
    return tool


def python_findings() -> Tuple[List[Tuple[str, str]], List[str]]:
    """((package==version, advisory id) found, problems) for the Python lock file."""
    try:
        tool = pip_audit_tool()
    except (OSError, subprocess.CalledProcessError) as error:
        return [], [f"pip-audit could not be installed: {error}"]
    done = subprocess.run(
        [str(tool), "--strict", "-r", str(ROOT / "requirements.lock.txt"),
         "--no-deps", "--disable-pip", "--progress-spinner", "off", "-f", "json"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        errors = [line for line in done.stderr.splitlines() if not line.startswith("WARNING")]
        return [], [f"pip-audit failed (exit {done.returncode}): {' '.join(errors)[-2000:]}"]
    found, problems = [], []
    for dependency in report.get("dependencies", []):
        name = f"{dependency['name']}=={dependency.get('version', '?')}"
        if "skip_reason" in dependency:
            problems.append(f"not audited: {dependency['skip_reason']}")
        for vulnerability in dependency.get("vulns", []):
            found.append((name, vulnerability["id"]))
    return found, problems


def npm_findings() -> Tuple[List[Tuple[str, str]], List[str]]:
    """((package, advisory id) found, problems) for web/frontend's package-lock.json."""
    done = subprocess.run(["npm", "audit", "--json"], cwd=ROOT / "web" / "frontend",
                          capture_output=True, text=True, check=False)  # fmt: skip
    try:
        report: Dict = json.loads(done.stdout or "{}")
    except json.JSONDecodeError:
        report = {}
    if "vulnerabilities" not in report:
        errors = [line for line in done.stderr.splitlines() if "error" in line]
        return [], [f"npm audit failed: {' '.join(errors)[-2000:]}"]
    found = []
    for name, entry in report["vulnerabilities"].items():
        for via in entry.get("via", []):
            if isinstance(via, dict):
                advisory = str(via.get("url", "")).rsplit("/", 1)[-1] or str(via.get("source"))
                found.append((name, advisory))
    return found, []


def main() -> int:
    """Run both audits; print what they found; 1 if anything is unexpected."""
    strict = "--strict" in sys.argv[1:]
    accepted = exceptions()
    failed = False
    for label, audit in (("python", python_findings), ("npm", npm_findings)):
        found, problems = audit()
        for package, advisory in found:
            known = advisory in accepted
            failed |= not known
            print(f"{label}: {package}: {advisory}" + (" (documented exception)" if known else ""))
        for problem in problems:
            failed |= strict
            print(f"{label}: NOT AUDITED: {problem}")
        if not found and not problems:
            print(f"{label}: no known vulnerabilities")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
