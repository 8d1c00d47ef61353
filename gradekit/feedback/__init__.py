"""Feedback students can read: per problem the score, each check's outcome, the metrics' margins, figures.

``model`` makes it from ``grade-all``'s JSON reports (pure), ``markdown`` and
``html`` render it, ``write`` puts ``OUT/feedback/<student>.md`` and ``.html``
on disk. Hidden checks show only what the assignment allows.
"""
