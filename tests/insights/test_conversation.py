"""One conversation's contribution, read from events the real actions produced."""

from __future__ import annotations

from typing import Any

import pytest

from actions import messages
from insights import conversation as m
from insights.conversation import contribution
from tests.actions.conftest import Chat
from tests.insights.conftest import MONDAY, bot, slot, start, user


@pytest.fixture
def chat(actions_db: Any) -> Chat:
    """A new learner on the demo network, answered by the real actions."""
    return Chat()


def test_the_message_keys_read_are_the_actions_own() -> None:
    known = set(messages.keys())
    for keys in (m.CLARIFY_KEYS, m.ANSWER_KEYS, m.UNKNOWN_COURSE_KEYS, m.UNREACHABLE_KEYS,
                 m.NO_ROUTE_KEYS, m.INTERESTS_UNMET_KEYS, set(m.REASONS)):  # fmt: skip
        assert set(keys) <= known, set(keys) - known


async def test_a_real_conversation_with_routes_and_interests(chat: Chat) -> None:
    await chat.say("I'm on the HNC in Mechanical Engineering at Northgate College")
    await chat.say("I'm into robotics", intent="inform_interest")
    assert chat.slots.get("current_course_id")
    found = contribution(chat.events, MONDAY, lambda _course_id: "Northgate College")
    assert found is not None
    counts = found.counts
    assert found.key[1] == "Northgate College" and found.key[3] == 4, found.key
    assert counts[(m.CONVERSATIONS, "")] == 1
    assert counts[(m.COURSE_KNOWN, "")] == 1
    assert counts[(m.ANSWERED, "")] == 1
    assert counts[(m.RESOLVED_WITHOUT_STAFF, "")] == 1
    assert counts[(m.WANTED_INTEREST, "robotics")] == 1


def test_a_course_the_catalogue_lacks_is_unmet_demand_in_the_learners_words() -> None:
    found = contribution([*start(), user("I'm on underwater welding"),
                          bot("course_unknown", "Underwater Welding"), user("robots"),
                          bot("course_not_reachable", "a marine HND")], MONDAY)  # fmt: skip
    assert found is not None
    assert found.counts[(m.UNMET_COURSE, "underwater welding")] == 1
    assert found.counts[(m.UNMET_TARGET, "a marine hnd")] == 1


async def test_a_question_not_understood_that_ends_the_conversation(chat: Chat) -> None:
    await chat.say("purple monkey dishwasher", intent="nlu_fallback")
    assert chat.keys == ["clarify"]
    found = contribution(chat.events, MONDAY)
    assert found is not None
    assert found.counts[(m.FALLBACK_REPLIES, "")] == 1
    assert found.counts[(m.ENDED_AFTER_FALLBACK, "")] == 1
    assert found.counts[(m.RESOLVED_WITHOUT_STAFF, "")] == 0


def test_personal_words_never_become_demand() -> None:
    found = contribution([*start(), user(), bot("course_unknown", "sam@example.com's course"),
                          bot("course_not_reachable", "Mr Patel's class"),
                          slot("interests", "robotics; ring 07700 900123")], MONDAY)  # fmt: skip
    assert found is not None
    items = {item for (_measure, item) in found.counts if item}
    assert items == {"robotics"}


def test_the_last_rating_counts_and_a_comment_is_only_counted() -> None:
    found = contribution([*start(), user(), slot("rating", {"value": "down", "comment": ""}),
                          slot("rating", {"value": "up", "comment": "my email is a@b.com"})],
                         MONDAY)  # fmt: skip
    assert found is not None
    assert found.counts[(m.RATING_UP, "")] == 1
    assert found.counts[(m.RATING_DOWN, "")] == 0
    assert found.counts[(m.RATING_COMMENT, "")] == 1
    assert all("a@b.com" not in item for (_m, item) in found.counts)
