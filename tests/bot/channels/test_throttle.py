from __future__ import annotations

from bot.channels.throttle import ChannelLimits, Client

ENV = {"CHANNEL_RATE_PER_CONVERSATION": "3 per minute", "CHANNEL_RATE_PER_ADDRESS": "5 per minute",
       "TRUSTED_PROXIES": "10.0.0.1"}  # fmt: skip


def test_a_conversation_is_limited_whatever_its_address() -> None:
    limits = ChannelLimits.from_env(ENV)
    results = [limits.allow("rest:a", Client(f"203.0.113.{n}", local=False)) for n in range(5)]
    assert results == [True, True, True, False, False]
    assert limits.allow("rest:b", Client("203.0.113.9", local=False))
    assert limits.retry_after("rest:a", Client("203.0.113.1", local=False)) > 1


def test_an_address_is_limited_across_conversations_unless_trusted() -> None:
    limits = ChannelLimits.from_env(ENV)
    client = Client("203.0.113.7", local=False)
    assert [limits.allow(f"rest:{n}", client) for n in range(7)] == [True] * 5 + [False] * 2
    assert limits.allow("rest:integration", client, trusted=True)


def test_local_clients_are_not_limited() -> None:
    limits = ChannelLimits.from_env(ENV)
    assert all(limits.allow("rest:eval", Client("127.0.0.1", local=True)) for _ in range(20))


def test_the_client_comes_from_trusted_proxies_only() -> None:
    limits = ChannelLimits.from_env(ENV)
    assert limits.client("10.0.0.1", "2001:db8::1") == Client("2001:db8::/64", local=False)
    assert limits.client("198.51.100.2", "127.0.0.1") == Client("198.51.100.2", local=False)
    assert limits.client("127.0.0.1", "203.0.113.5") == Client("127.0.0.1", local=False)
    assert limits.client("127.0.0.1", None) == Client("127.0.0.1", local=True)


def test_off_means_no_limit() -> None:
    limits = ChannelLimits.from_env({"CHANNEL_RATE_PER_CONVERSATION": "off",
                                     "CHANNEL_RATE_PER_ADDRESS": "off"})  # fmt: skip
    assert all(limits.allow("rest:a", Client("203.0.113.1", local=False)) for _ in range(100))
