"""Who is asking, and how often: the client address behind proxies, rate limits, tokens.

Shared by the Rasa server's channels (``bot.channels``), the action server's enquiry
caps (``actions.handover``) and the web front (``web``); it imports nothing of theirs.

- :mod:`access.addresses`: ``X-Forwarded-For`` trusted only from ``TRUSTED_PROXIES``,
  IPv6 clients grouped by /64, and what counts as a local request.
- :mod:`access.limits`: rate limits on the ``limits`` library, in memory or Redis.
- :mod:`access.tokens`: bearer tokens compared in constant time.
"""
