from __future__ import annotations

from typing import Any

import pytest

from bot.channels.metadata import CLIENT_KEY, kept


@pytest.mark.parametrize(
    ("metadata", "expected"),
    [(None, None), ([], None), ({}, None), ({"locale": "en-GB"}, {"locale": "en-GB"}),
     ({"locale": "x" * 50}, None), ({"locale": "<script>"}, None), ({"locale": 5}, None),
     ({"padding": "x" * 200_000, "locale": "cy"}, {"locale": "cy"}),
     ({CLIENT_KEY: "forged"}, None)],
)  # fmt: skip
def test_only_small_known_keys_are_kept(metadata: Any, expected: Any) -> None:
    assert kept(metadata) == expected


def test_the_channel_sets_the_client_key_over_any_a_client_sends() -> None:
    kept_ = kept({CLIENT_KEY: "forged", "locale": "en"}, "abc")
    assert kept_ == {"locale": "en", CLIENT_KEY: "abc"}
