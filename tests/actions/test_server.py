"""The action server's token check (the server itself is tested in tests/e2e)."""

from __future__ import annotations

import pytest

from actions.server import NoToken, authorised, token_or_refusal


@pytest.mark.parametrize(
    ("header", "ok"),
    [("Bearer s3cret", True), ("Bearer s3cre", False), ("bearer s3cret", False),
     ("s3cret", False), ("", False), ("Bearer s3cret ", False)],
)  # fmt: skip
def test_only_the_exact_bearer_token_is_accepted(header: str, ok: bool) -> None:
    assert authorised(header, "s3cret") is ok


@pytest.mark.parametrize(
    ("env", "host"),
    [
        ({}, "127.0.0.1"),  # missing
        ({"ACTION_SERVER_TOKEN": ""}, "127.0.0.1"),  # blank, as ${VAR-...} could leave it
        ({"ACTION_SERVER_TOKEN": "   "}, "127.0.0.1"),
        ({"ACTION_SERVER_TOKEN": "short"}, "127.0.0.1"),
        ({"ACTION_SERVER_ALLOW_NO_TOKEN": "1"}, "0.0.0.0"),  # the opt-out is loopback only
        ({"ACTION_SERVER_TOKEN": "short", "ACTION_SERVER_ALLOW_NO_TOKEN": "1"}, "127.0.0.1"),
    ],
)
def test_without_a_good_token_the_server_refuses_to_start(env: dict, host: str) -> None:
    with pytest.raises(NoToken, match="ACTION_SERVER_TOKEN"):
        token_or_refusal(env, host)


def test_a_token_or_the_explicit_loopback_opt_out() -> None:
    token = "x" * 32
    assert token_or_refusal({"ACTION_SERVER_TOKEN": f" {token} "}, "0.0.0.0") == token
    assert token_or_refusal({"ACTION_SERVER_ALLOW_NO_TOKEN": "1"}, "127.0.0.1") is None


def test_the_real_server_refuses_to_start_with_a_blank_token() -> None:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("ACTION_SERVER")}
    env["ACTION_SERVER_TOKEN"] = ""
    done = subprocess.run([sys.executable, "-m", "actions.server", "--port", "0"], env=env,
                          capture_output=True, text=True, timeout=300, check=False)  # fmt: skip
    assert done.returncode == 2
    assert "ACTION_SERVER_TOKEN is not set" in done.stderr


def test_tensorflow_is_kept_out_unless_turned_off() -> None:
    import sys

    from actions.server import NO_TENSORFLOW_ENV, without_tensorflow

    saved = sys.modules.pop("tensorflow", None)
    try:
        assert without_tensorflow({NO_TENSORFLOW_ENV: "0"}) is False
        assert "tensorflow" not in sys.modules
        assert without_tensorflow({}) is True
        assert sys.modules["tensorflow"] is None
        sys.modules["tensorflow"] = sys  # imported already (any module will do)
        assert without_tensorflow({}) is False
    finally:
        sys.modules.pop("tensorflow", None)
        if saved is not None:
            sys.modules["tensorflow"] = saved


@pytest.mark.slow
def test_spacy_works_without_tensorflow() -> None:
    import subprocess
    import sys

    script = (
        "from actions.server import without_tensorflow; assert without_tensorflow({}); "
        "import spacy, thinc.compat; assert not thinc.compat.has_tensorflow; "
        "from spacy.matcher import PhraseMatcher; nlp = spacy.blank('en'); "
        "m = PhraseMatcher(nlp.vocab); m.add('x', [nlp.make_doc('level 3')]); "
        "assert m(nlp.make_doc('a level 3 course'))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=300, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
