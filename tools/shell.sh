#!/usr/bin/env bash
# Chat in the terminal: the action server runs in the background while `rasa shell` runs.
set -euo pipefail
cd "$(dirname "$0")/.."
export ACTION_PORT="${ACTION_PORT:-5055}"
export ACTION_ENDPOINT_URL="${ACTION_ENDPOINT_URL:-http://localhost:${ACTION_PORT}/webhook}"
export ACTION_SERVER_TOKEN="${ACTION_SERVER_TOKEN:-$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(32))')}"
.venv/bin/python -m actions.server --host 127.0.0.1 --port "$ACTION_PORT" >var/actions-shell.log 2>&1 &
actions=$!
trap 'kill $actions 2>/dev/null || true' EXIT
echo "action server on port $ACTION_PORT (log: var/actions-shell.log)"
.venv/bin/rasa shell --model models/pathways.tar.gz --endpoints bot/endpoints.yml \
    --logging-config-file bot/logging.yml
