"""The Rasa server's channels: REST, socket.io and the messaging platforms.

Every channel passes a learner's message through :mod:`bot.channels.guard` first:
control characters are stripped, an empty or over-long message gets a polite reply
before any parsing, and a turn that would end with no bot message at all (the
action server down, say) ends with a friendly apology instead. The texts are domain
responses (``bot/domain/core.yml``) read through the running agent.

- :mod:`bot.channels.rest`: ``/webhooks/rest/webhook``, with a strict request check.
- :mod:`bot.channels.socketio`: ``/socket.io`` for web widgets.
- :mod:`bot.channels.telegram`, :mod:`bot.channels.slack`, :mod:`bot.channels.facebook`,
  :mod:`bot.channels.twilio`: the messaging platforms, off unless configured.
- :mod:`bot.channels.render` and :mod:`bot.channels.plain`: buttons and route cards
  within each platform's limits.
- :mod:`bot.channels.credentials`: ``python -m bot.channels credentials`` writes the
  credentials file with the messaging channels whose variables are set.
"""
