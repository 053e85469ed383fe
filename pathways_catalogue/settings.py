"""Where the catalogue database lives."""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB_PATH = PROJECT_ROOT / "var" / "pathways.db"
DEMO_NETWORK = Path(__file__).resolve().parent / "data" / "vale_and_wolds"
#: the Ofqual Register titles shipped for the qualification gazetteer
OFQUAL_FILES = (
    Path(__file__).resolve().parent / "data" / "ofqual" / "all_qualification_titles.json",
    Path(__file__).resolve().parent / "data" / "ofqual" / "pearson_qualifications.csv",
)


def database_url() -> str:
    """Return ``CATALOGUE_URL`` or the default SQLite file under ``var/``."""
    url = os.environ.get("CATALOGUE_URL", "").strip()
    if url:
        return url
    return f"sqlite:///{DEFAULT_DB_PATH}"
