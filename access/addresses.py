"""The client's address: ``X-Forwarded-For`` is believed only from trusted proxies.

``TRUSTED_PROXIES`` lists the proxies (addresses or CIDRs, separated by commas or
spaces; none by default). A request whose peer is one of them is from the address its
``X-Forwarded-For`` names, read from the right: every hop a trusted proxy added is
skipped, and the first address not trusted is the client. From any other peer the
header is ignored (anyone can send it).

Limits count by :func:`group`: an IPv4 address, or the /64 network of an IPv6 one (one
household or phone usually has a whole /64).
"""

from __future__ import annotations

import ipaddress
import os
import re
from dataclasses import dataclass
from typing import Mapping, Optional, Tuple, Union

Network = Union[ipaddress.IPv4Network, ipaddress.IPv6Network]
Address = Union[ipaddress.IPv4Address, ipaddress.IPv6Address]
UNKNOWN = "unknown"
#: the user-event metadata key under which a channel passes a pseudonym of the client's
#: address group (set by the channel, never taken from a client; the enquiry caps count
#: by it)
CLIENT_METADATA_KEY = "pathways_client"
#: the prefix by which IPv6 clients are counted together
IPV6_GROUP_PREFIX = 64


def parse_address(text: Optional[str]) -> Optional[Address]:
    """The IP address ``text`` names (IPv4-mapped IPv6 as IPv4), or None."""
    if not text:
        return None
    try:
        address = ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def parse_networks(text: str) -> Tuple[Network, ...]:
    """The networks of a ``TRUSTED_PROXIES`` value ("10.0.0.0/8, 127.0.0.1 ::1").

    Raises:
        ValueError: for an entry that is not an address or a network.

    """
    return tuple(
        ipaddress.ip_network(part, strict=False) for part in re.split(r"[\s,]+", text) if part
    )


def group(address: str) -> str:
    """The key a client is counted under: IPv4 as is, IPv6 by its /64."""
    parsed = parse_address(address)
    if parsed is None:
        return address or UNKNOWN
    if isinstance(parsed, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network((parsed, IPV6_GROUP_PREFIX), strict=False))
    return str(parsed)


@dataclass(frozen=True)
class Proxies:
    """The trusted proxies, and what they let us know of a request's client."""

    networks: Tuple[Network, ...] = ()

    @classmethod
    def from_env(cls, env: Optional[Mapping[str, str]] = None) -> Proxies:
        """From ``TRUSTED_PROXIES`` (none when unset)."""
        env = os.environ if env is None else env
        return cls(parse_networks(env.get("TRUSTED_PROXIES", "")))

    def trusts(self, address: Optional[str]) -> bool:
        """Whether ``address`` is a trusted proxy."""
        parsed = parse_address(address)
        return parsed is not None and any(parsed in network for network in self.networks)

    def client(self, peer: Optional[str], forwarded: Optional[str]) -> str:
        """The client's address, from the connection's ``peer`` and ``X-Forwarded-For``."""
        if not peer:
            return UNKNOWN
        address = str(parse_address(peer) or peer)
        if not forwarded or not self.trusts(peer):
            return address
        for hop in reversed([h.strip() for h in forwarded.split(",")]):
            parsed = parse_address(hop)
            if parsed is None:  # garbage in the header: the last hop we could read
                return address
            address = str(parsed)
            if not self.trusts(address):
                return address
        return address

    def is_local(self, peer: Optional[str], forwarded: Optional[str]) -> bool:
        """Whether the client is on this machine, known directly or through a trusted proxy.

        A request forwarded by a proxy we do not trust is never local, even when that
        proxy connects over loopback: the client behind it is unknown.
        """
        if forwarded and not self.trusts(peer):
            return False
        parsed = parse_address(self.client(peer, forwarded))
        return parsed is not None and parsed.is_loopback
