"""The action server's token check (the server itself is tested in tests/e2e)."""

from __future__ import annotations

import pytest

from actions.server import authorised


@pytest.mark.parametrize(
    ("header", "ok"),
    [("Bearer s3cret", True), ("Bearer s3cre", False), ("bearer s3cret", False),
     ("s3cret", False), ("", False), ("Bearer s3cret ", False)],
)  # fmt: skip
def test_only_the_exact_bearer_token_is_accepted(header: str, ok: bool) -> None:
    assert authorised(header, "s3cret") is ok
