#!/usr/bin/env bash
# Start the Rasa server (REST and socket.io channels) with safe defaults:
# loopback only, no HTTP API and no CORS unless configured (docs/settings.md), and
# emails and phone numbers redacted from the log (bot/logging.yml).
# Messaging channels are on when their variables are set (docs/channels.md).
# PATHWAYS_PROFILE=scale uses bot/endpoints.scale.yml (Redis lock store;
# docs/deployment.md); RASA_MODEL names another model file, RASA_CREDENTIALS where the
# credentials file is written, PATHWAYS_PYTHON the interpreter (launch/commands.py sets both).
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PATHWAYS_PYTHON:-.venv/bin/python}"
credentials="${RASA_CREDENTIALS:-var/credentials.yml}"
endpoints=bot/endpoints.yml
if [ "${PATHWAYS_PROFILE:-local}" = scale ]; then
    endpoints=bot/endpoints.scale.yml
fi
"$python" -m bot.channels credentials --out "$credentials"
args=(run --model "${RASA_MODEL:-models/pathways.tar.gz}" --endpoints "$endpoints"
      --credentials "$credentials" --port "${RASA_PORT:-5005}"
      --interface "${RASA_INTERFACE:-127.0.0.1}" --logging-config-file bot/logging.yml)
if [ -n "${RASA_API_TOKEN:-}" ]; then
    # the token stays in the environment: bot/server.py hands it to Rasa inside the
    # process, so it is never on a command line (ps, /proc/<pid>/cmdline)
    export RASA_API_TOKEN
    args+=(--enable-api)
fi
if [ -n "${RASA_CORS_ORIGINS:-}" ]; then
    # shellcheck disable=SC2206  # a space-separated list of origins
    args+=(--cors ${RASA_CORS_ORIGINS})
fi
# Sanic waits this long for open connections (a browser's socket.io) when stopping;
# honcho kills after 5 s. bot/server.py leaves without Python's slow teardown.
export SANIC_GRACEFUL_SHUTDOWN_TIMEOUT="${SANIC_GRACEFUL_SHUTDOWN_TIMEOUT:-3}"
# Sanic reads at most this many bytes of a request (its default is 100 MB); the REST
# channel's own limit is the same 64 KB (docs/security.md, "Limits").
export SANIC_REQUEST_MAX_SIZE="${SANIC_REQUEST_MAX_SIZE:-65536}"
exec "$python" -m bot.server "${args[@]}"
