"""Marks a person gave: ``marks.csv`` read into typed rows, and merged into a report as hand-marked checks (pure).

```
student,item,points,max_points,problem,comment,visibility
ada,written-analysis,8,10,,"Clear account of the latent sweep; the KL plot lacks units",public
ada,q7,2,,,,
```

One row per student and item. ``item`` names the hand-marked check (a
quiz's short-answer question id, ``written-analysis``); ``problem`` puts it
under a problem of the report (default: a problem of its own,
``hand-marked``); ``max_points`` is required for a report (a quiz takes it
from its key); ``comment`` is what the student reads; ``visibility`` is
``public`` (default) or ``hidden``. The same file feeds ``merge-marks``
(grade-all's reports) and ``mark-quiz --marks`` (the quiz's short answers).

Merging is idempotent: a hand-marked check of the same problem and item is
replaced, never added twice, and the scores are summed again from the checks.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable
from dataclasses import dataclass

HAND_PROBLEM = "hand-marked"  # the problem hand-marked items join when the file names none
HAND_TITLE = "Marked by hand"
REQUIRED = ("student", "item", "points")
OPTIONAL = ("max_points", "problem", "comment", "visibility")
ROUNDING = 9  # digits kept in sums, as the assignment's rescaling keeps


class MarksError(ValueError):
    """A marks file, or a merge, that cannot be done as it is: every fault, each naming its row."""


@dataclass(frozen=True)
class HandMark:
    student: str  # the submission folder's name (a quiz: the sheet's student)
    item: str
    points: float
    max_points: float | None  # None: the quiz key's
    problem: str = ""  # "": HAND_PROBLEM
    comment: str = ""
    visibility: str = "public"
    row: int = 0

    @property
    def problem_id(self) -> str:
        return self.problem or HAND_PROBLEM


def parse_marks(text: str, source: str = "marks") -> list[HandMark]:
    """Every row of the marks CSV; ``MarksError`` listing every fault (nothing is half-read)."""
    reader = csv.DictReader(io.StringIO(text))
    fields = {(name or "").strip().lower(): name for name in reader.fieldnames or []}
    missing = [column for column in REQUIRED if column not in fields]
    if missing:
        raise MarksError(f"{source}: the header needs the column(s) {', '.join(missing)} "
                         f"(found: {', '.join(f for f in fields if f) or 'nothing'})")
    marks: list[HandMark] = []
    faults: list[str] = []
    seen: dict[tuple[str, str, str], int] = {}  # (student, problem, item) -> the row that marked it
    for row in reader:
        cells = {column: (row.get(fields[column]) or "").strip() for column in REQUIRED + OPTIONAL if column in fields}
        if not any(cells.values()):
            continue
        line = reader.line_num
        try:
            mark = _mark(cells, line)
        except ValueError as error:
            faults.append(f"{source}, row {line}: {error}")
            continue
        key = (mark.student, mark.problem_id, mark.item)
        if key in seen:
            faults.append(f"{source}, row {line}: {mark.student}'s {mark.item!r} is already marked on row {seen[key]}")
            continue
        seen[key] = line
        marks.append(mark)
    if faults:
        raise MarksError("\n".join(faults))
    return marks


def _mark(cells: dict[str, str], line: int) -> HandMark:
    if not cells["student"] or not cells["item"]:
        raise ValueError("student and item must not be empty")
    points = _number(cells["points"], "points")
    maximum = _number(cells["max_points"], "max_points") if cells.get("max_points") else None
    if maximum is not None and not maximum > 0:
        raise ValueError(f"max_points must be positive, not {cells['max_points']!r}")
    if points < 0:
        raise ValueError(f"points {points:g} must not be negative")
    if maximum is not None and points > maximum:
        raise ValueError(f"points {points:g} are more than max_points {maximum:g}")
    visibility = cells.get("visibility") or "public"
    if visibility not in ("public", "hidden"):
        raise ValueError(f"visibility is public or hidden, not {visibility!r}")
    return HandMark(cells["student"], cells["item"], points, maximum, cells.get("problem", ""),
                    cells.get("comment", ""), visibility, line)


def _number(text: str, column: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{column} {text!r} is not a number") from None
    if not math.isfinite(value):
        raise ValueError(f"{column} {text!r} is not a finite number")
    return value


# ---------------------------------------------------------------- into a report


def merged_report(report: dict, marks: Iterable[HandMark]) -> dict:
    """``report`` (grade-all's JSON) with ``marks`` as hand-marked checks, its scores summed again.

    A mark's check replaces a hand-marked check of the same problem and
    name; one named like an autograded check is a ``MarksError``. The late
    penalty the report records applies to the new total as to the old.
    """
    problems = [{**p, "checks": list(p.get("checks", []))} for p in report.get("problems", [])]
    for mark in marks:
        if mark.max_points is None:
            raise MarksError(f"row {mark.row}: {mark.student}'s {mark.item!r} needs max_points")
        problem = next((p for p in problems if p.get("id") == mark.problem_id), None)
        if problem is None:
            if mark.problem:
                raise MarksError(f"row {mark.row}: {mark.student}'s report has no problem {mark.problem!r} "
                                 f"(leave problem empty for a problem of its own, {HAND_PROBLEM!r})")
            problem = {"id": HAND_PROBLEM, "title": HAND_TITLE, "score": 0.0, "max_score": 0.0,
                       "status": "graded", "hand_marked": True, "checks": []}
            problems.append(problem)
        clash = next((c for c in problem["checks"] if c.get("name") == mark.item), None)
        if clash is not None and not clash.get("hand_marked"):
            raise MarksError(f"row {mark.row}: {mark.item!r} is an autograded check of {mark.problem_id}; "
                             "name the hand-marked item otherwise")
        check = {"name": mark.item, "score": mark.points, "max_score": mark.max_points,
                 "visibility": mark.visibility, "passed": mark.points >= mark.max_points,
                 "message": mark.comment, "hand_marked": True}  # the marker's comment, if any
        problem["checks"] = [c for c in problem["checks"] if c is not clash] + [check]
    for problem in problems:
        problem["score"] = round(sum(c.get("score", 0.0) for c in problem["checks"]), ROUNDING)
        problem["max_score"] = round(sum(c.get("max_score", 0.0) for c in problem["checks"]), ROUNDING)
    before = round(sum(p["score"] for p in problems), ROUNDING)
    merged = {**report, "problems": problems, "max_score": round(sum(p["max_score"] for p in problems), ROUNDING)}
    if report.get("late"):
        penalty = float(report["late"].get("penalty", 0.0))
        merged["late"] = {**report["late"], "score_before_penalty": before}
        merged["score"] = round(before * (1 - penalty), ROUNDING)
    else:
        merged["score"] = before
    return merged
