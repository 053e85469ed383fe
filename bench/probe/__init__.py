"""The security probe: issue 15's attacks against a running ``make run``, one by one.

``python -m bench.probe`` (``make probe``) reports for each attack what was
tried, what a safe deployment does, what happened, and whether the attack was
stopped, succeeded or could not be tried; it exits non-zero if any succeeded.
"""
