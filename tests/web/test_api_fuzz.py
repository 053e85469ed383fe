"""Schemathesis fuzzes the catalogue API from its OpenAPI document, against a real server.

No 5xx, and every response matches the document (status codes, content types, schemas).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

#: checks that need authentication or resources the read-only API does not have
NOT_APPLICABLE = "ignored_auth,use_after_free,ensure_resource_availability"
EXAMPLES_PER_OPERATION = 25


def test_the_api_survives_fuzzing_from_its_openapi_document(served: str, tmp_path: Path) -> None:
    report = tmp_path / "schemathesis.json"
    command = [
        str(Path(sys.executable).with_name("schemathesis")),
        "run", f"{served}/api/openapi.json",
        "--checks", "all", "--exclude-checks", NOT_APPLICABLE,
        "--max-examples", str(EXAMPLES_PER_OPERATION), "--seed", "20261202",
        "--generation-database", "none", "--no-color", "--workers", "1",
        "--report", "json", "--report-json-path", str(report),
    ]  # fmt: skip
    run = subprocess.run(
        command, cwd=tmp_path, capture_output=True, text=True, timeout=600, check=False
    )
    assert report.exists(), run.stdout[-3000:] + run.stderr[-3000:]
    result = json.loads(report.read_text())
    assert result["operations"]["tested"] == 2
    assert result["test_cases"]["generated"] > 100
    assert result["failures"] == [] and result["errors"] == [], run.stdout[-5000:]
    assert run.returncode == 0, run.stdout[-5000:]
    print(f"schemathesis: {result['test_cases']['generated']} cases, no failures")
