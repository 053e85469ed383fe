#!/usr/bin/env bash
# Start the action server, the Rasa server and the web front with honcho (see Procfile:
# the commands of launch/commands.py, as every launcher runs them); Ctrl-C stops them.
set -euo pipefail
cd "$(dirname "$0")/.."
export RASA_PORT="${RASA_PORT:-5005}" ACTION_PORT="${ACTION_PORT:-5055}"
export ACTION_ENDPOINT_URL="${ACTION_ENDPOINT_URL:-http://localhost:${ACTION_PORT}/webhook}"
# the Rasa server and the action server share a token (a new one each start, unless set;
# set but empty counts as unset: the action server refuses to run without one)
export ACTION_SERVER_TOKEN="${ACTION_SERVER_TOKEN:-$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(32))')}"
# the demo college page's widget (web front) reaches the Rasa server from its own origin
web_origin="http://${WEB_HOST:-127.0.0.1}:${WEB_PORT:-8000}"
export RASA_CORS_ORIGINS="${RASA_CORS_ORIGINS:-${web_origin} http://localhost:${WEB_PORT:-8000}}"
# URLs are shown without their passwords
hide() { sed -E 's#(://[^:/@]+:)[^@]*@#\1***@#'; }
db=$(echo "${CATALOGUE_URL:-sqlite:///$(pwd)/var/pathways.db}" | hide)
conversations=$(echo "${TRACKER_STORE_URL:-sqlite:///$(pwd)/var/tracker.db}" | hide)
cat <<INFO
Pathways is starting (Ctrl-C stops everything):
  REST channel      http://localhost:${RASA_PORT}/webhooks/rest/webhook
  socket.io channel http://localhost:${RASA_PORT}/socket.io
  action server     ${ACTION_ENDPOINT_URL}
  web front         http://${WEB_HOST:-127.0.0.1}:${WEB_PORT:-8000}/  (adviser console /advisers/, API /api/)
  catalogue         ${db}
  conversations     ${conversations}
  browser origins   ${RASA_CORS_ORIGINS}  (may use the channels: RASA_CORS_ORIGINS)
  model             models/pathways.tar.gz
Try: curl -s localhost:${RASA_PORT}/webhooks/rest/webhook -d '{"sender":"me","message":"hi"}'
INFO
exec .venv/bin/honcho start -f Procfile
