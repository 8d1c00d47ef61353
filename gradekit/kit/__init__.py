"""The student kit: statements, starters and public checks, without references or hidden checks.

``export.export_kit`` builds it (``gradekit export-student``); ``audit`` holds the
rules for what may never ship, ``manifest`` picks the problem files that do,
``starter`` derives starter modules from the references, ``statement`` renders
statements to Markdown and HTML, ``notebook`` and ``readme`` write the rest.

What it asks of a problem folder:

- every name ``statement.md.j2`` uses is a key of ``problem.toml``;
- ``public_checks.py`` and the sibling modules it imports never import
  ``gradekit.calc`` (directly or through a gradekit module that does),
  ``hidden_checks`` or ``variants``;
- the reference's docstrings of the contract's names ship verbatim in the
  starter: write them for students (conventions, shapes), or put a
  hand-written ``starter.py`` in the problem folder.
"""
