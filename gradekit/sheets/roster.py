"""Reading a roster: a CSV with a ``student`` column (other columns are ignored)."""

from __future__ import annotations

import csv
import io

from gradekit.sheets.generate import QuizError


def read_roster(text: str, source: str = "roster") -> list[str]:
    """The student ids in file order; blank rows are skipped, empty or repeated ids are errors."""
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or "student" not in [f.strip() for f in reader.fieldnames]:
        raise QuizError(f"{source}: the header needs a 'student' column (found: {reader.fieldnames or 'nothing'})")
    column = next(f for f in reader.fieldnames if f.strip() == "student")
    students: list[str] = []
    seen: dict[str, int] = {}
    for row in reader:
        if not any((value or "").strip() for value in row.values() if isinstance(value, str)):
            continue
        student = (row.get(column) or "").strip()
        if not student:
            raise QuizError(f"{source}, row {reader.line_num}: the student id is empty")
        if student in seen:
            raise QuizError(f"{source}, row {reader.line_num}: student {student!r} is already on row {seen[student]}")
        seen[student] = reader.line_num
        students.append(student)
    if not students:
        raise QuizError(f"{source}: names no student")
    return students
