#!/usr/bin/env bash
# Create .venv with Python 3.10 (Rasa 3.6 needs <3.11) and install the pinned dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."

find_python() {
    local root candidate
    if command -v pyenv >/dev/null 2>&1; then
        root=$(pyenv root)
        for candidate in "$root"/versions/3.10.*/bin/python3.10; do
            [ -x "$candidate" ] && { echo "$candidate"; return 0; }
        done
    fi
    for candidate in "${HOME:-/root}"/.pyenv/versions/3.10.*/bin/python3.10; do
        [ -x "$candidate" ] && { echo "$candidate"; return 0; }
    done
    if command -v python3.10 >/dev/null 2>&1; then
        command -v python3.10; return 0
    fi
    return 1
}

if [ ! -x .venv/bin/python ]; then
    if ! PY=$(find_python); then
        echo "error: Python 3.10 not found. Rasa 3.6.21 needs Python 3.8-3.10." >&2
        echo "       Install it (e.g. 'pyenv install 3.10.13') and run this again." >&2
        exit 1
    fi
    echo "creating .venv with $PY"
    "$PY" -m venv .venv
fi
.venv/bin/python -c 'import sys; assert sys.version_info[:2] == (3, 10), sys.version' || {
    echo "error: .venv is not Python 3.10; remove it and run this again" >&2; exit 1; }
.venv/bin/pip install --quiet --disable-pip-version-check pip==24.0
.venv/bin/pip install --quiet --disable-pip-version-check -r requirements.lock.txt
.venv/bin/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
echo "venv ready: $(.venv/bin/python --version)"
