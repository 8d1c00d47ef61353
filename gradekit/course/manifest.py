"""``submissions.csv``: when each student handed in (``student,submitted_at``), for the late policy.

An LMS export, trimmed to two columns. Times are ISO 8601 with an offset
(``2024-09-07T10:00:00+05:30``, or ``...Z``); a time without one is read in
the assignment's time zone. Without the file, lateness is not applied.
"""

from __future__ import annotations

import csv
from datetime import datetime, tzinfo
from pathlib import Path

from gradekit.course.assignment import AssignmentError, parse_time

MANIFEST_NAME = "submissions.csv"
COLUMNS = ("student", "submitted_at")


def read_manifest(path: Path, zone: tzinfo | None = None) -> dict[str, datetime]:
    """Each student's submission time; ``AssignmentError`` names the row at fault."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as file:
            reader = csv.DictReader(file)
            rows = [{(key or "").strip(): value for key, value in row.items()} for row in reader]
            header = [name.strip() for name in reader.fieldnames or []]
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise AssignmentError(f"{path}: cannot be read ({error})") from None
    if not set(COLUMNS) <= set(header):
        raise AssignmentError(f"{path}: needs the columns {', '.join(COLUMNS)} (it has {', '.join(header)})")
    times: dict[str, datetime] = {}
    for number, row in enumerate(rows, start=2):  # the header is line 1
        student = (row.get("student") or "").strip()
        if not student:
            raise AssignmentError(f"{path}, line {number}: no student")
        if student in times:
            raise AssignmentError(f"{path}, line {number}: {student} is listed twice")
        times[student] = parse_time(row.get("submitted_at") or "", zone, f"{path}, line {number}")
    return times
