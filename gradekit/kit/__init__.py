"""The student kit: statements, starters and public checks, without references or hidden checks.

``export_kit`` builds it (``gradekit export-student``); ``audit`` holds the
rules for what may never ship, ``manifest`` picks the problem files that do,
``starter`` derives starter modules from the references, ``statement`` renders
statements to Markdown and HTML, ``notebook`` and ``readme`` write the rest.
"""
