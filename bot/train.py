"""Train the Rasa model only when its inputs changed: ``python -m bot.train``.

The inputs are the NLU and dialogue data, the domain and the config. The catalogue is
not one of them: the action server resolves names against the live catalogue
(``pathways_catalogue.mentions``), so a catalogue import never needs a retrain and
leaves the model file as it was. A digest of the inputs is kept beside the model, so
an unchanged assistant is not retrained at all.

When something changed, Rasa retrains only the graph nodes whose inputs changed (its
cache, ``~/.rasa/cache`` or ``RASA_CACHE_DIRECTORY``). ``--force`` trains everything
from scratch (``rasa train --force``).
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterable, List, Optional, Sequence

from pathways_catalogue.settings import PROJECT_ROOT

INPUTS = ["config.yml", "data", "bot/domain"]
MODEL_NAME = "pathways"


def _files(paths: Iterable[Path]) -> List[Path]:
    found: List[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                p for p in sorted(path.rglob("*")) if p.is_file() and "__pycache__" not in p.parts
            )
        elif path.is_file():
            found.append(path)
    return found


def fingerprint(root: Path = PROJECT_ROOT) -> str:
    """Digest of the training inputs (never the catalogue)."""
    digest = hashlib.sha256()
    for path in _files(root / p for p in INPUTS):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def train(out: Path, force: bool = False, extra: Sequence[str] = ()) -> int:
    """Train into ``out/pathways.tar.gz`` unless it is up to date; return the exit code.

    ``force`` trains even an up-to-date model, and without Rasa's cache.
    """
    model = out / f"{MODEL_NAME}.tar.gz"
    stamp = out / f"{MODEL_NAME}.fingerprint"
    current = fingerprint()
    if not force and model.exists() and stamp.exists() and stamp.read_text().strip() == current:
        print(f"model {model} is up to date")
        return 0
    command = [sys.executable, "-m", "rasa", "train", "--domain", "bot/domain", "--data", "data",
               "--config", "config.yml", "--out", str(out), "--fixed-model-name", MODEL_NAME,
               *(["--force"] if force else []), *extra]  # fmt: skip
    print("training:", " ".join(command[2:]))
    started = time.perf_counter()
    result = subprocess.run(command, cwd=PROJECT_ROOT, check=False)
    if result.returncode == 0:
        stamp.write_text(current + "\n")
        print(f"trained {model} in {time.perf_counter() - started:.0f} s")
    return result.returncode


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Command line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(PROJECT_ROOT / "models"))
    parser.add_argument(
        "--force", action="store_true",
        help="train even if up to date, from scratch (without Rasa's cache)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    return train(out, force=args.force)


if __name__ == "__main__":
    sys.exit(main())
