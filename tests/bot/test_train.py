"""``python -m bot.train``: retrain when the data changes, never for the catalogue."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any, List

import pytest
from sqlalchemy.engine import Engine

from bot import train
from pathways_catalogue.service import import_folder
from tests.conftest import SECOND_NETWORK


def _project(tmp_path: Path, root: Path) -> Path:
    """A copy of the training inputs in ``tmp_path``."""
    tmp_path.mkdir(parents=True)
    for name in train.INPUTS:
        source = root / name
        target = tmp_path / name
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            shutil.copy(source, target)
    return tmp_path


def test_the_catalogue_is_no_training_input(engine: Engine, monkeypatch: pytest.MonkeyPatch,
                                            tmp_path: Path) -> None:  # fmt: skip
    monkeypatch.setenv("CATALOGUE_URL", str(engine.url))
    before = train.fingerprint()
    import_folder(engine, SECOND_NETWORK)
    monkeypatch.setenv("PATHWAYS_NETWORK", "fenland_coast")
    assert train.fingerprint() == before


def test_the_fingerprint_follows_the_training_data(tmp_path: Path) -> None:
    root = _project(tmp_path / "project", train.PROJECT_ROOT)
    before = train.fingerprint(root)
    nlu = root / "data" / "nlu" / "chitchat.yml"
    nlu.write_text(nlu.read_text() + "\n# a change\n")
    assert train.fingerprint(root) != before


def test_a_catalogue_only_import_leaves_the_model_file_as_it_was(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CATALOGUE_URL", str(engine.url))
    out = tmp_path / "models"
    out.mkdir()
    model = out / f"{train.MODEL_NAME}.tar.gz"
    model.write_bytes(b"a model trained before the import")
    (out / f"{train.MODEL_NAME}.fingerprint").write_text(train.fingerprint() + "\n")
    calls: List[Any] = []
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: calls.append(a))
    import_folder(engine, SECOND_NETWORK)
    assert train.train(out) == 0
    assert calls == [] and model.read_bytes() == b"a model trained before the import"
