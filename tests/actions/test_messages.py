"""Messages carry their key, and the values ``messages.yml`` says to record."""

from __future__ import annotations

from rasa_sdk.executor import CollectingDispatcher

from actions import messages


def test_a_message_with_record_keeps_the_learners_words_as_message_values() -> None:
    out = CollectingDispatcher()
    messages.say(out, "course_unknown", text="underwater welding")
    [sent] = out.messages
    assert sent["message_key"] == "course_unknown"
    assert sent["message_values"] == {"text": "underwater welding"}
    assert "underwater welding" in sent["text"]


def test_a_message_without_record_keeps_no_values() -> None:
    out = CollectingDispatcher()
    messages.say(out, "no_routes", origin="your course", filters="")
    [sent] = out.messages
    assert sent["message_key"] == "no_routes"
    assert "message_values" not in sent


def test_only_values_a_message_uses_are_recorded() -> None:
    for key in messages.keys():
        recorded = messages._messages()[key].get("record", [])
        for name in recorded:
            assert "{" + name + "}" in messages._messages()[key]["text"], (key, name)
