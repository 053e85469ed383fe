from __future__ import annotations

from access.tokens import bearer, matches


def test_bearer_tokens() -> None:
    assert bearer("Bearer abc") == "abc" and bearer("bearer  abc ") == "abc"
    assert bearer("Basic abc") is None and bearer(None) is None and bearer("Bearer ") is None
    assert matches("abc", "abc") and not matches("abc", "abd")
    assert not matches(None, None) and not matches("", "") and not matches("abc", None)
