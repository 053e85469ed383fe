#!/usr/bin/env bash
# Start the Rasa server (REST and socket.io channels) with safe defaults:
# loopback only, no HTTP API and no CORS unless configured (README, "Settings").
# Messaging channels are on when their variables are set (README, "Messaging channels").
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python -m bot.channels credentials --out var/credentials.yml
args=(run --model models/pathways.tar.gz --endpoints bot/endpoints.yml
      --credentials var/credentials.yml --port "${RASA_PORT:-5005}"
      --interface "${RASA_INTERFACE:-127.0.0.1}")
if [ -n "${RASA_API_TOKEN:-}" ]; then
    args+=(--enable-api --auth-token "$RASA_API_TOKEN")
fi
if [ -n "${RASA_CORS_ORIGINS:-}" ]; then
    # shellcheck disable=SC2206  # a space-separated list of origins
    args+=(--cors ${RASA_CORS_ORIGINS})
fi
exec .venv/bin/rasa "${args[@]}"
