"""Which addresses the servers listen on, from ``/proc/net/tcp`` and ``tcp6`` (Linux)."""

from __future__ import annotations

import ipaddress
import os
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterable, List, Set, Tuple

PROC = Path("/proc")
LISTEN = "0A"


@dataclass(frozen=True)
class Listener:
    """A listening TCP socket and the process that holds it."""

    pid: int
    address: str
    port: int

    @property
    def loopback(self) -> bool:
        """Whether only this machine can connect."""
        return ipaddress.ip_address(self.address).is_loopback


def decode_address(text: str) -> Tuple[str, int]:
    """``0100007F:1F40`` (the kernel's little-endian words) as ``("127.0.0.1", 8000)``."""
    hex_address, hex_port = text.split(":")
    raw = bytes.fromhex(hex_address)
    words = b"".join(raw[i:i + 4][::-1] for i in range(0, len(raw), 4))
    return str(ipaddress.ip_address(words)), int(hex_port, 16)


def parse_table(text: str) -> List[Tuple[str, int, int]]:
    """(address, port, socket inode) of each listening socket in a ``/proc/net/tcp*`` table."""
    found = []
    for line in text.splitlines()[1:]:
        fields = line.split()
        if len(fields) > 9 and fields[3] == LISTEN:
            address, port = decode_address(fields[1])
            found.append((address, port, int(fields[9])))
    return found


def _socket_owners() -> Dict[int, int]:
    """Socket inode to pid, for every process whose descriptors this user may read."""
    owners: Dict[int, int] = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            for fd in (entry / "fd").iterdir():
                link = os.readlink(fd)
                if link.startswith("socket:["):
                    owners[int(link[8:-1])] = int(entry.name)
        except OSError:
            continue
    return owners


def listeners() -> List[Listener]:
    """Every listening TCP socket on this machine whose owner is visible."""
    owners = _socket_owners()
    found = []
    for table in ("tcp", "tcp6"):
        path = PROC / "net" / table
        if not path.exists():
            continue
        for address, port, inode in parse_table(path.read_text()):
            if inode in owners:
                found.append(Listener(owners[inode], address, port))
    return found


def parent(pid: int) -> int:
    """The parent of ``pid`` (0 if unknown)."""
    try:
        stat = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return 0
    return int(stat.rsplit(")", 1)[1].split()[1])


def family(pids: Iterable[int]) -> Set[int]:
    """``pids``, their parents and every descendant of those (a server and its workers)."""
    roots = set(pids) | {parent(p) for p in pids}
    roots.discard(0)
    roots.discard(1)
    children: Dict[int, List[int]] = {}
    for entry in PROC.iterdir():
        if entry.name.isdigit():
            children.setdefault(parent(int(entry.name)), []).append(int(entry.name))
    found, todo = set(), list(roots)
    while todo:
        pid = todo.pop()
        if pid not in found:
            found.add(pid)
            todo.extend(children.get(pid, []))
    return found


def command_line(pid: int) -> str:
    """The command line of ``pid`` ('' if gone)."""
    try:
        return (PROC / str(pid) / "cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def own_addresses() -> List[str]:
    """The machine's addresses other than loopback (IPv4 from its name, IPv6 from the kernel)."""
    found: Set[str] = set()
    try:
        for info in socket.getaddrinfo(socket.gethostname(), None):
            found.add(str(info[4][0]))
    except OSError:
        pass
    inet6 = PROC / "net" / "if_inet6"
    if inet6.exists():
        for line in inet6.read_text().splitlines():
            raw = line.split()[0]
            found.add(str(ipaddress.ip_address(bytes.fromhex(raw))))
    usable = []
    for text in found:
        address = ipaddress.ip_address(text.split("%")[0])
        if not (address.is_loopback or address.is_link_local or address.is_unspecified):
            usable.append(str(address))
    return sorted(usable)


def reachable(address: str, port: int, timeout: float = 2.0) -> bool:
    """Whether a TCP connection to ``address``:``port`` is accepted."""
    try:
        with socket.create_connection((address, port), timeout=timeout):
            return True
    except OSError:
        return False
