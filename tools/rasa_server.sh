#!/usr/bin/env bash
# Start the Rasa server (REST and socket.io channels) with safe defaults:
# loopback only, no HTTP API and no CORS unless configured (README, "Settings").
# PATHWAYS_PROFILE=scale uses bot/endpoints.scale.yml (Redis lock store; README,
# "Running at scale"); RASA_MODEL names another model file.
set -euo pipefail
cd "$(dirname "$0")/.."
endpoints=bot/endpoints.yml
if [ "${PATHWAYS_PROFILE:-local}" = scale ]; then
    endpoints=bot/endpoints.scale.yml
fi
args=(run --model "${RASA_MODEL:-models/pathways.tar.gz}" --endpoints "$endpoints"
      --credentials bot/credentials.yml --port "${RASA_PORT:-5005}"
      --interface "${RASA_INTERFACE:-127.0.0.1}")
if [ -n "${RASA_API_TOKEN:-}" ]; then
    args+=(--enable-api --auth-token "$RASA_API_TOKEN")
fi
if [ -n "${RASA_CORS_ORIGINS:-}" ]; then
    # shellcheck disable=SC2206  # a space-separated list of origins
    args+=(--cors ${RASA_CORS_ORIGINS})
fi
exec .venv/bin/rasa "${args[@]}"
