"""The README stays a front door, and what it and docs/ point to is there.

The README opens with the two commands, stays short, links only to files that exist,
and quotes results only from files in ``bench/results/`` that are in the repository.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import List

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
PAGES = sorted((ROOT / "docs").glob("*.md"))


def _links(page: Path) -> List[str]:
    text = page.read_text(encoding="utf-8")
    return [t for t in re.findall(r"\]\(([^)\s]+)\)", text) if not t.startswith("http")]


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_the_readme_opens_with_the_two_commands_and_stays_short() -> None:
    lines = README.read_text(encoding="utf-8").splitlines()
    assert lines[2:6] == [
        "```sh",
        "make run    # set up, load the demo network, train if stale, and start the assistant",
        "make test   # set up and run every test (lint, types, unit, conversation and "
        "end-to-end tests)",
        "```",
    ]
    assert len(lines) <= 150


@pytest.mark.parametrize("page", [README, *PAGES], ids=lambda p: p.name)
def test_relative_links_reach_a_file_and_a_heading(page: Path) -> None:
    for link in _links(page):
        path, _, anchor = link.partition("#")
        target = (page.parent / path).resolve() if path else page
        assert target.exists(), link
        if anchor:
            headings = [
                _slug(line.lstrip("#"))
                for line in target.read_text(encoding="utf-8").splitlines()
                if line.startswith("#")
            ]
            assert anchor in headings, link


def test_the_results_the_readme_quotes_are_in_the_repository() -> None:
    text = README.read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:bench/results/)?[a-z_]+\.json)`", text))
    assert named, "the README names the files its numbers come from"
    tracked = subprocess.run(
        ["git", "ls-files", "bench/results"], cwd=ROOT, capture_output=True, text=True
    ).stdout.split()
    if not tracked:
        pytest.skip("not a git checkout")
    tracked_names = {Path(t).name for t in tracked}
    assert sorted(n for n in named if Path(n).name not in tracked_names) == []
