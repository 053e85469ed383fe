"""Route search failures are logged without what the learner said."""

from __future__ import annotations

import logging

import pytest
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions.profile import Profile
from actions.routes import show
from tests.conftest import DEMO_SLUG


def test_a_failed_search_does_not_log_the_profile(
    demo_session: Session, caplog: pytest.LogCaptureFixture
) -> None:
    profile = Profile(course_id="ngc-eng-l3-ed", level=3, subject="Engineering",
                      interests=("robots",), town="Nowheresville Parva")  # fmt: skip
    with caplog.at_level(logging.DEBUG, logger="actions"):
        shown, _ = show(demo_session, CollectingDispatcher(), profile, DEMO_SLUG)
    assert shown == []
    assert "route search failed" in caplog.text  # it did fail on the unknown town ...
    assert "Nowheresville" not in caplog.text  # ... and did not say which
    assert "robots" not in caplog.text
