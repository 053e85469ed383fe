from __future__ import annotations

from typing import Optional

import pytest

from access.addresses import Proxies, group, parse_networks

PROXIES = Proxies(parse_networks("10.0.0.0/8, 127.0.0.1 ::1"))


@pytest.mark.parametrize(
    ("peer", "forwarded", "client"),
    [("198.51.100.7", None, "198.51.100.7"),
     ("198.51.100.7", "203.0.113.1", "198.51.100.7"),  # not a proxy: header ignored
     ("10.1.2.3", "203.0.113.1", "203.0.113.1"),
     ("10.1.2.3", "6.6.6.6, 203.0.113.1, 10.0.0.9", "203.0.113.1"),  # spoofed left hop
     ("10.1.2.3", "10.0.0.8, 10.0.0.9", "10.0.0.8"),  # proxies all the way
     ("10.1.2.3", "not-an-ip", "10.1.2.3"),
     ("127.0.0.1", "2001:db8::5", "2001:db8::5"),
     ("::ffff:10.1.2.3", "203.0.113.1", "203.0.113.1"),
     (None, "203.0.113.1", "unknown")],
)  # fmt: skip
def test_the_client_behind_trusted_proxies(
    peer: Optional[str], forwarded: Optional[str], client: str
) -> None:
    assert PROXIES.client(peer, forwarded) == client


def test_no_proxy_is_trusted_by_default() -> None:
    assert Proxies.from_env({}).client("127.0.0.1", "203.0.113.1") == "127.0.0.1"
    assert Proxies.from_env({"TRUSTED_PROXIES": "127.0.0.1/32"}).client(
        "127.0.0.1", "203.0.113.1") == "203.0.113.1"  # fmt: skip
    with pytest.raises(ValueError):
        Proxies.from_env({"TRUSTED_PROXIES": "nginx"})


@pytest.mark.parametrize(
    ("peer", "forwarded", "local"),
    [("127.0.0.1", None, True), ("::1", None, True), ("198.51.100.7", None, False),
     ("127.0.0.1", "127.0.0.1", True),  # a trusted proxy says the client is loopback
     ("127.0.0.1", "203.0.113.1", False)],
)  # fmt: skip
def test_local_means_a_loopback_client(peer: str, forwarded: Optional[str], local: bool) -> None:
    assert PROXIES.is_local(peer, forwarded) is local


def test_a_forwarded_request_from_an_untrusted_loopback_proxy_is_not_local() -> None:
    assert Proxies().is_local("127.0.0.1", "127.0.0.1") is False
    assert Proxies().is_local("127.0.0.1", None) is True


@pytest.mark.parametrize(
    ("address", "key"),
    [("203.0.113.9", "203.0.113.9"), ("2001:db8:1:2:aaaa::1", "2001:db8:1:2::/64"),
     ("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::/64"), ("::ffff:1.2.3.4", "1.2.3.4"),
     ("unknown", "unknown")],
)  # fmt: skip
def test_ipv6_clients_are_grouped_by_64(address: str, key: str) -> None:
    assert group(address) == key
