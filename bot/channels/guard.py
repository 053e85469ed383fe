"""Every channel's gate: read only sensible messages, and never leave a learner unanswered.

:func:`guarded` wraps the handler Rasa gives a channel (``on_new_message``):

- the text is cleaned (:func:`bot.channels.text.check`); an empty message is answered
  with ``utter_empty_message`` and an over-long one with ``utter_too_long``, without
  reaching NLU (which runs on the server's only event loop);
- the output channel is watched; if handling the message sent nothing at all (the
  action server is down and Rasa dropped the action's events, or handling raised),
  the learner gets ``utter_something_went_wrong``;
- the conversation is the channel's own: the sender id is stored as
  ``<channel>:<id>`` (:mod:`bot.channels.identity`), and replies go out with the
  channel's id, so no channel can reach another channel's conversations;
- a conversation whose session never started (``action_session_start`` is ours, so it
  fails with the action server) is restarted, so that the learner's next message
  starts the session properly instead of meeting a state no rule knows.

No message text is logged (learners type names, emails and phone numbers).
"""

from __future__ import annotations

import logging
from typing import Any, Awaitable, Callable, Dict, Iterable, List, Optional

from rasa.core.channels.channel import OutputChannel, UserMessage
from rasa.shared.core.events import Restarted, SessionStarted
from sanic import Blueprint

from bot.channels import replies
from bot.channels.identity import conversation_id, local_id
from bot.channels.text import Verdict, check

logger = logging.getLogger(__name__)

Handler = Callable[[UserMessage], Awaitable[Any]]
#: returns the running Rasa agent (``app.ctx.agent``), or None before it is loaded
AgentGetter = Callable[[], Optional[Any]]


class AgentRef:
    """The Rasa agent of the app a channel's blueprint is registered on.

    Rasa keeps the agent at ``app.ctx.agent`` (set when the server starts, replaced
    when a model is loaded); calling the reference reads it at that time (None before
    the server starts).
    """

    def __init__(self) -> None:
        self._apps: List[Any] = []

    def attach(self, blueprint: Blueprint) -> AgentRef:
        """Learn the app when ``blueprint``'s server starts; return this reference."""

        @blueprint.listener("before_server_start")
        async def remember(app: Any, _loop: Any) -> None:
            self._apps.append(app)

        return self

    def __call__(self) -> Optional[Any]:
        """The agent, or None."""
        return getattr(self._apps[-1].ctx, "agent", None) if self._apps else None


class WatchedOutput(OutputChannel):
    """Passes every message on to ``inner`` with the channel's own recipient id, and counts them."""

    def __init__(self, inner: OutputChannel, channel: str = "") -> None:
        self.inner = inner
        self.channel = channel
        self.sent = 0

    def name(self) -> str:  # type: ignore[override]
        """The inner channel's name (Rasa picks channel-specific responses by it)."""
        return self.inner.name()

    async def send_response(self, recipient_id: str, message: Dict[str, Any]) -> None:
        """Send through the inner channel, and count."""
        self.sent += 1
        await self.inner.send_response(local_id(self.channel, recipient_id), message)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        """Send a text through the inner channel, and count."""
        self.sent += 1
        await self.inner.send_text_message(local_id(self.channel, recipient_id), text, **kwargs)


async def reply(output: OutputChannel, recipient_id: str, agent: Optional[Any], name: str) -> None:
    """Send the channels' own domain response ``name`` (:mod:`bot.channels.replies`)."""
    await output.send_response(recipient_id, {"text": replies.response_text(agent, name)})


def session_started(events: Iterable[Any]) -> bool:
    """Whether a session started since the conversation's last restart, if any."""
    for event in reversed(list(events)):
        if isinstance(event, SessionStarted):
            return True
        if isinstance(event, Restarted):
            return False
    return False


async def restart_if_never_started(agent: Optional[Any], sender_id: str) -> None:
    """Restart ``sender_id``'s conversation if its session never started.

    Rasa runs ``action_session_start`` only on a conversation with no events (or an
    expired session); when ours failed, the conversation keeps a half-begun state.
    After a ``Restarted`` event it has none, so the next message starts a session.
    A conversation whose session did start is left as it is (its profile is kept).
    """
    processor = getattr(agent, "processor", None)
    if processor is None:
        return
    async with agent.lock_store.lock(sender_id):  # type: ignore[union-attr]
        tracker = await processor.get_tracker(sender_id)
        if tracker.events and not session_started(tracker.events):
            tracker.update(Restarted())
            await processor.save_tracker(tracker)


def guarded(
    on_new_message: Handler,
    agent: AgentGetter,
    adapt: Optional[Callable[[OutputChannel], OutputChannel]] = None,
) -> Handler:
    """``on_new_message`` behind the gate (see the module's docstring).

    ``adapt``, if given, replaces the output channel Rasa's channel code made (for a
    channel whose output class cannot be chosen otherwise).
    """

    async def handle(message: UserMessage) -> None:
        output = adapt(message.output_channel) if adapt else message.output_channel
        sender = message.sender_id or ""
        verdict, text = check(message.text or "")
        if verdict is Verdict.TOO_LONG:
            logger.info("too long a message on %s; not read", message.input_channel)
            await reply(output, sender, agent(), replies.TOO_LONG)
            return
        if verdict is Verdict.EMPTY:
            await reply(output, sender, agent(), replies.EMPTY)
            return
        channel = message.input_channel or ""
        conversation = conversation_id(channel, sender) if channel else sender
        watched = WatchedOutput(output, channel)
        message.text = text
        message.sender_id = conversation
        message.output_channel = watched
        try:
            await on_new_message(message)
        except Exception as error:  # the learner still gets an answer, below
            logger.error("handling a message on %s failed: %s", message.input_channel,
                         type(error).__name__)  # fmt: skip
        finally:
            message.output_channel = output
        if watched.sent == 0:
            logger.warning("a message on %s got no reply; sent the apology",
                           message.input_channel)  # fmt: skip
            try:
                await reply(output, sender, agent(), replies.SOMETHING_WENT_WRONG)
            except Exception as error:  # the platform itself is failing
                logger.error("the apology could not be sent: %s", type(error).__name__)
            try:
                await restart_if_never_started(agent(), conversation)
            except Exception as error:  # the tracker store is failing too
                logger.error("the conversation could not be reset: %s", type(error).__name__)

    return handle
