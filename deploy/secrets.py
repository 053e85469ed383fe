"""Fill a secrets file's blank values with new random ones: ``python -m deploy.secrets``.

``python -m deploy.secrets deploy/k8s/secrets.env.example > deploy/k8s/secrets.env``
(or ``deploy/.env.example`` for docker compose) copies the file, keeping comments and
values already set, and gives every empty ``KEY=`` a value of 32 random bytes in
url-safe base64, which is what ``WEB_SECRET_KEY`` needs and more than the passwords
and ``ACTION_SERVER_TOKEN`` need. Keys whose value is not a secret
(:data:`NOT_SECRET`) stay as they are. So no example ships a blank secret into a
deployment by being copied as it is: the action server refuses to start without its
token and the web front without a strong key.
"""

from __future__ import annotations

import secrets
import sys
from pathlib import Path
from typing import Callable, List, Optional, Sequence

#: keys of the examples that are settings, not secrets (left as they are)
NOT_SECRET = frozenset({"PATHWAYS_IMAGE", "PATHWAYS_NETWORK"})


def new_secret() -> str:
    """32 random bytes, url-safe base64 (43 characters)."""
    return secrets.token_urlsafe(32)


def filled(lines: Sequence[str], make: Callable[[], str] = new_secret) -> List[str]:
    """``lines`` of a ``KEY=value`` file with each blank secret given a new value."""
    out = []
    for line in lines:
        key, sep, value = line.partition("=")
        blank = sep and not value.strip() and not line.lstrip().startswith("#")
        if blank and key.strip() not in NOT_SECRET:
            line = f"{key}={make()}"
        out.append(line)
    return out


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Print the filled copy of the file named in ``argv``."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1:
        print("usage: python -m deploy.secrets <secrets example file>", file=sys.stderr)
        return 2
    lines = Path(args[0]).read_text(encoding="utf-8").splitlines()
    print("\n".join(filled(lines)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
