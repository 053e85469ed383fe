"""Measuring the assistant as learners meet it: whole conversations on unseen networks.

- ``scenarios``: the scenario file format (``scenarios/FORMAT.md``) and judging replies;
- ``servers``: a deployment (database, model, real servers) for one network;
- ``conversations``: ``make eval-conversations``, the runner.

``networks/`` holds networks used only for evaluation: never in ``data/``, rules or
stories, and never trained on.
"""
