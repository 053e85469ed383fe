"""Demand insights: what learners ask for, where the network fails them, how the assistant does.

:mod:`insights.job` reads the tracker store's events after a high-water mark and keeps
weekly aggregates (:mod:`insights.models`) per institution, subject and level;
:mod:`insights.report` reads them back for the console with every count under 5
suppressed. The aggregates hold no personal data, so they outlive the conversations'
retention. ``python -m insights refresh`` runs the job by hand; the web front runs it
every ``INSIGHTS_REFRESH_MINUTES``.
"""
