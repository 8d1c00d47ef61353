"""The class report: what an instructor reads after ``grade-all``, before releasing the grades.

``load`` reads the reports ``grade-all`` wrote, ``statistics`` turns them into
numbers (score distributions, and the item analysis of classical test theory
for every check: pass rate, discrimination, flags for checks that look
broken), ``figures`` draws the histograms as PNG, and ``render`` writes the
self-contained HTML page and the JSON. ``gradekit class-report`` is the verb.
"""
