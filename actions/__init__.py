"""Custom actions of the Pathways assistant, one module per skill.

The action server (``rasa run actions --actions actions``) imports every module of
this package and registers each concrete ``Action`` subclass it finds. Modules:

- ``profile``: the learner profile form (course, level, subject, interests) and start-over
- ``routes``: route suggestions and constraints ("part-time only", "near York")
- ``followups``: details, entry requirements, contacts and "what comes after"
- ``handover``: consent and contact details, then the stored enquiry
- ``fallback``: clarifying questions that never loop

Shared helpers: ``db`` (the lazily created engine), ``messages`` (texts in
``messages.yml``), ``parsing`` (levels, ordinals, modes, distances) and ``slots``.
Nothing here does I/O at import time.
"""
