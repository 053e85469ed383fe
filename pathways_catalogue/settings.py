"""Where the catalogue's files and database live."""

from __future__ import annotations

from pathlib import Path

# the database is shared with the enquiries, so storage owns its URL (kept importable here)
from storage.engine import database_url as database_url

PROJECT_ROOT = Path(__file__).resolve().parent.parent
#: environment variable naming the network the assistant serves (default: every network)
NETWORK_ENV = "PATHWAYS_NETWORK"
DEMO_NETWORK = Path(__file__).resolve().parent / "data" / "vale_and_wolds"
#: the Ofqual Register titles shipped for the qualification gazetteer
OFQUAL_FILES = (
    Path(__file__).resolve().parent / "data" / "ofqual" / "all_qualification_titles.json",
    Path(__file__).resolve().parent / "data" / "ofqual" / "pearson_qualifications.csv",
)

