"""Raw HTTP for the probe: one request with any headers and body, cookies, a websocket upgrade."""

from __future__ import annotations

import http.client
import json
import socket
from dataclasses import dataclass
from typing import Any, Dict, List, Optional, Tuple
from urllib.parse import urlsplit

#: seconds one request may take (a Rasa turn included)
TIMEOUT_S = 120.0


@dataclass(frozen=True)
class Answer:
    """A response: status, body (JSON when it parses, else text) and headers in order."""

    status: int
    body: Any
    headers: List[Tuple[str, str]]

    def header(self, name: str) -> Optional[str]:
        """The first header called ``name`` (any case), or None."""
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)

    def cookies(self) -> Dict[str, str]:
        """The cookies the response sets (name to value)."""
        found: Dict[str, str] = {}
        for key, value in self.headers:
            if key.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                found[name.strip()] = rest.split(";", 1)[0].strip()
        return found

    def text(self) -> str:
        """The body as text (JSON written back out)."""
        return self.body if isinstance(self.body, str) else json.dumps(self.body)


def request(
    base: str, method: str, path: str, body: Optional[bytes] = None,
    headers: Optional[Dict[str, str]] = None, timeout: float = TIMEOUT_S,
) -> Answer:  # fmt: skip
    """One request to the server at ``base``; redirects are not followed."""
    where = urlsplit(base)
    connection = http.client.HTTPConnection(where.hostname or "127.0.0.1", where.port,
                                            timeout=timeout)  # fmt: skip
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        raw = response.read()
        status, pairs = response.status, response.getheaders()
    finally:
        connection.close()
    decoded: Any
    try:
        decoded = json.loads(raw)
    except ValueError:
        decoded = raw.decode("utf-8", "replace")
    return Answer(status, decoded, list(pairs))


def upgrade_status(base: str, origin: str, timeout: float = 30.0) -> int:
    """The status of a websocket upgrade of ``/socket.io/`` from a page at ``origin``."""
    where = urlsplit(base)
    lines = ["GET /socket.io/?EIO=4&transport=websocket HTTP/1.1",
             f"Host: {where.netloc}", "Upgrade: websocket", "Connection: Upgrade",
             "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13",
             f"Origin: {origin}", "", ""]  # fmt: skip
    with socket.create_connection((where.hostname or "127.0.0.1", where.port or 80),
                                  timeout=timeout) as sock:  # fmt: skip
        sock.sendall("\r\n".join(lines).encode())
        head = sock.recv(1024).decode("latin-1")
    return int(head.split()[1])
