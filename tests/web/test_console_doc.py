"""docs/console.md stays true: every element id and form field it names is in a template."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "web" / "templates" / "console"


def test_every_documented_id_and_field_is_in_the_templates() -> None:
    doc = (ROOT / "docs" / "console.md").read_text(encoding="utf-8")
    html = "\n".join(p.read_text(encoding="utf-8") for p in TEMPLATES.glob("*.html"))
    ids = set(re.findall(r"`(?:[a-z0-9]+)?#([a-z][a-z0-9-]+)`", doc))
    ids |= set(re.findall(r"\| `([a-z][a-z0-9-]+)` \|", doc)) - {"csrf_token", "next"}
    ids |= set(re.findall(r"→ `([a-z][a-z0-9-]+)`", doc))
    ids -= {"email", "password", "institution", "subject", "status", "age", "sort", "body"}
    assert {"assign-adviser", "status-select", "note-body", "queue-table"} <= ids
    # ids made by a macro ({{ phrases("unmet-courses", ...) }}), or by the widget's script
    made = set(re.findall(r'\{\{ \w+\("([a-z][a-z0-9-]+)"', html))
    widget = (ROOT / "web" / "static" / "widget" / "pathways-widget.js").read_text("utf-8")
    made |= {i for i in ids if f'"{i}"' in widget}
    made |= {i for p in re.findall(r'"([a-z][a-z0-9-]*-)" \+', widget) for i in ids
             if i.startswith(p)}  # fmt: skip  ("pw-rate-" + value)
    missing = sorted(i for i in ids if f'id="{i}"' not in html and i not in made)
    assert missing == []
    for field in ("email", "password", "csrf_token", "next", "institution", "subject",
                  "status", "age", "sort", "adviser_id", "body"):  # fmt: skip
        assert f'name="{field}"' in html, field
