"""Custom actions of the Pathways assistant (rasa_sdk), served by ``python -m actions.server``.

rasa_sdk imports every module of this package and registers each ``Action`` it finds.
One message goes through these modules in order (``docs/architecture.md``):

- ``dialogue``: ``action_respond``, the one action after a learner message; it resolves
  the message against the live catalogue (``courses.message_resolver``), reads it
  (``reading``), merges it into the profile (``understanding``, ``state``, ``profile``)
  and decides the reply;
- ``routes`` and ``followups``: route suggestions, and answers about one course (details,
  entry requirements, contacts, what comes after);
- ``handover``: the hand-over form (consent, name, contact) and the stored enquiry;
- ``fallback``, ``restart``, ``session``: clarifying questions, starting over, new sessions;
- ``courses``: deciding between course candidates, and the resolver per catalogue version;
- shared: ``db`` (the engine, created on first use), ``messages`` (texts in
  ``messages.yml``), ``prompts`` (examples from the catalogue), ``server`` (the server).

Nothing here does I/O at import time.
"""
