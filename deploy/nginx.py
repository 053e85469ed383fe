"""The nginx config of the scale topology: one balancer in front, one for the actions.

REST turns are balanced round-robin: the tracker store and lock store are shared, so
consecutive turns may go to different replicas. socket.io is sticky by client address
(``ip_hash``: its polling transport needs every request of a session on one server)
with the websocket upgrade passed through. A replica that is down is skipped
(``proxy_next_upstream``) for requests that can be retried.

The REST channel is for trusted integrations: it is routed only when the Rasa servers
have a ``REST_CHANNEL_TOKEN`` (``rest=True``), else nginx answers 404 for it. Every
proxied request carries ``X-Forwarded-For``, which the servers believe because nginx's
address is in their ``TRUSTED_PROXIES`` (docs/security.md, "Behind a proxy").
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional, Sequence

#: a Rasa replica that refuses a connection is left alone for 5 s
RASA_SERVER = "        server 127.0.0.1:{} max_fails=1 fail_timeout=5s;\n"
#: never marked down: a refused connection on loopback costs nothing, and an action
#: server that is back takes calls at once (else, with both marked down, a turn would
#: get no reply for fail_timeout after one came back)
ACTION_SERVER = "        server 127.0.0.1:{} max_fails=0;\n"


def nginx_conf(
    folder: Path, port: int, action_port: int, rasa_ports: Sequence[int],
    action_ports: Sequence[int], web_port: Optional[int], rest: bool = False,
) -> str:  # fmt: skip
    """The whole config; its logs, PID and temp files in ``folder``.

    The front listens on ``port`` (the Rasa replicas and, with ``web_port``, the web
    front); the action servers' balancer on ``action_port``. ``rest``: route the REST
    channel (only when the Rasa servers require ``REST_CHANNEL_TOKEN``).
    """
    return f"""# Pathways scale profile (deploy/nginx.py); generated, do not edit
daemon off;
worker_processes 2;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{
    worker_connections 1024;
}}
http {{
{http_settings(folder)}\
{upstreams(rasa_ports, action_ports, web_port)}\
{front_server(port, web_port, rest)}\
{actions_server(action_port)}\
}}
"""


def http_settings(folder: Path) -> str:
    """The access log (which upstream served each request), temp folders, the upgrade map."""
    return f"""\
    log_format upstream '$time_iso8601 $request_method $uri $status $upstream_addr';
    access_log {folder}/access.log upstream;
    client_body_temp_path {folder}/tmp/body;
    proxy_temp_path {folder}/tmp/proxy;
    fastcgi_temp_path {folder}/tmp/fastcgi;
    uwsgi_temp_path {folder}/tmp/uwsgi;
    scgi_temp_path {folder}/tmp/scgi;
    map $http_upgrade $connection_upgrade {{
        default upgrade;
        '' close;
    }}
"""


def upstreams(
    rasa_ports: Sequence[int], action_ports: Sequence[int], web_port: Optional[int]
) -> str:
    """The Rasa replicas (round-robin, and sticky for socket.io), the action servers, web."""
    rasa = "".join(RASA_SERVER.format(p) for p in rasa_ports)
    actions = "".join(ACTION_SERVER.format(p) for p in action_ports)
    web = f"upstream web {{\n    server 127.0.0.1:{web_port};\n}}\n" if web_port else ""
    return f"""\
    upstream rasa {{
{rasa}    }}
    upstream rasa_socketio {{
        ip_hash;
{rasa}    }}
    upstream actions {{
{actions}    }}
{web}"""


def front_server(port: int, web_port: Optional[int], rest: bool = False) -> str:
    """What learners reach: the channels (REST only with ``rest``), the web front (or 404)."""
    closed_rest = "" if rest else (
        "        # the REST channel is routed only when it needs REST_CHANNEL_TOKEN\n"
        "        location /webhooks/rest/ {\n            return 404;\n        }\n"
    )
    return f"""\
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 128k;
{closed_rest}\
        location /webhooks/ {{
            proxy_pass http://rasa;
            proxy_http_version 1.1;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_read_timeout 120s;
            # a turn is retried on the other replica only if this one could not be reached
            proxy_next_upstream error timeout;
        }}
        location /socket.io/ {{
            proxy_pass http://rasa_socketio;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_read_timeout 3600s;
        }}
        location = /health/rasa {{
            proxy_pass http://rasa/;
        }}
{web_location(web_port)}\
    }}
"""


def web_location(web_port: Optional[int]) -> str:
    """``location /``: the web front (websocket upgrades passed through), or 404 without it."""
    if not web_port:
        return "        location / {\n            return 404;\n        }\n"
    return """\
        # the console's catalogue upload: the web front caps it at 10 MB itself
        location = /advisers/catalogue/upload {
            client_max_body_size 10m;
            proxy_pass http://web;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        }
        location / {
            proxy_pass http://web;
            proxy_http_version 1.1;
            proxy_set_header Upgrade $http_upgrade;
            proxy_set_header Connection $connection_upgrade;
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        }
"""


def actions_server(action_port: int) -> str:
    """The balancer the Rasa replicas call (``ACTION_ENDPOINT_URL``)."""
    return f"""\
    server {{
        listen 127.0.0.1:{action_port};
        location / {{
            proxy_pass http://actions;
            proxy_http_version 1.1;
            proxy_read_timeout 120s;
            # an action server that cannot be reached is skipped: the call goes to the
            # other (not on a timeout: the action may have run, e.g. saved an enquiry)
            proxy_next_upstream error non_idempotent;
        }}
    }}
"""
