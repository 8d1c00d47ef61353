"""Marks as JSON and CSV, for gradebooks and scripts (the rich table lives in the command)."""

from __future__ import annotations

import csv
import io
import json

from gradekit.safe_text import clean, csv_cell
from gradekit.sheets.marking import Marks


def marks_dict(marks: Marks) -> dict:
    """Names, answers and errors as typed by students go through ``clean``: no terminal escapes."""
    return {
        "students": [{
            "student": clean(s.student),
            "score": s.score,
            "max_score": s.max_score,
            "questions": [{"id": q.id, "answer": clean(q.given), "expected": q.expected, "points": q.points,
                           "max_points": q.max_points, "correct": q.correct,
                           "error": clean(q.error) if q.error is not None else None,
                           **({"hand_marked": True} if q.hand_marked else {})}
                          for q in s.questions],
        } for s in marks.students],
        "errors": [{"row": p.row, "column": p.column, "message": clean(p.message)} for p in marks.problems],
        "absent": [clean(name) for name in marks.absent],
    }


def marks_json(marks: Marks) -> str:
    return json.dumps(marks_dict(marks), indent=2, ensure_ascii=False)


def marks_csv(marks: Marks) -> str:
    """``student,score,max_score,<question ids>``: the points of each question, one row per student.

    Names and ids go through ``csv_cell``: a name typed as ``=HYPERLINK(...)`` is no formula in a spreadsheet.
    """
    ids = list(dict.fromkeys(q.id for s in marks.students for q in s.questions))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["student", "score", "max_score", *map(csv_cell, ids)])
    for s in marks.students:
        points = {q.id: q.points for q in s.questions}
        writer.writerow([csv_cell(s.student), f"{s.score:g}", f"{s.max_score:g}",
                         *(f"{points[i]:g}" if i in points else "" for i in ids)])
    return buffer.getvalue()
