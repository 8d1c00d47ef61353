"""Grades as an LMS gradebook imports them: Canvas, Moodle, or a plain CSV (pure: reports and roster in, rows out).

- Canvas: ``Student, ID, SIS User ID, Section, <title> (<id>)``; Canvas
  matches a row by ``ID`` or ``SIS User ID`` and a column by the id in
  parentheses (an unknown one makes a new assignment).
- Moodle (Grades > Import > CSV file): an identifier column (email address,
  username or ID number: mapped to the user field of that name on import)
  and the grade item's column.
- Plain: ``student, score, max_score, score_before_penalty, late_penalty,
  days_late`` and the roster's columns where there is one.

The score is the report's: after the late penalty (``grade-all --assignment``
applies the policy and keeps the score before it), and with hand marks once
``merge-marks`` added them. Roster students with no report are left blank
(the LMS keeps what it has) unless ``missing_as_zero``; reports of students
the roster lacks go to no LMS row: both are listed in ``Gradebook.unmatched``.
Text cells go through ``csv_cell`` (no formulas); numbers are gradekit's own.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from gradekit.lms.roster import Member, RosterError
from gradekit.safe_text import csv_cell

Target = Literal["canvas", "moodle", "csv"]
MOODLE_IDENTIFIERS = {"email": "Email address", "username": "Username", "id": "ID number"}


@dataclass(frozen=True)
class Grade:
    student: str
    score: float  # after the late penalty
    max_score: float
    score_before_penalty: float
    late_penalty: float  # the share taken off, 0 to 1
    days_late: int


@dataclass(frozen=True)
class Unmatched:
    no_submission: tuple[Member, ...] = ()  # on the roster, no report
    not_on_roster: tuple[str, ...] = ()  # a report, no roster row


@dataclass(frozen=True)
class Gradebook:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    unmatched: Unmatched = field(default_factory=Unmatched)

    def to_csv(self) -> str:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(self.header)
        writer.writerows(self.rows)
        return buffer.getvalue()


def grade_of(student: str, report: dict) -> Grade:
    late = report.get("late") or {}
    score = float(report.get("score", 0.0))
    return Grade(student, score, float(report.get("max_score", 0.0)),
                 float(late.get("score_before_penalty", score)), float(late.get("penalty", 0.0)),
                 int(late.get("days_late", 0)))


def gradebook(target: Target, grades: Mapping[str, Grade], roster: Sequence[Member] | None, *, column: str,
              stem_of=lambda student: student, missing_as_zero: bool = False,
              moodle_identifier: str = "email") -> Gradebook:
    """The rows ``target`` imports. ``stem_of(folder name)`` is the student's report name (``grade-all``'s)."""
    if target != "csv" and roster is None:
        raise RosterError(f"a {target} gradebook needs --roster (the LMS's ids of the students)")
    members = {stem_of(m.student): m for m in roster or ()}
    unmatched = Unmatched(tuple(m for stem, m in members.items() if stem not in grades),
                          tuple(student for student in grades if roster is not None and student not in members))
    max_score = max((g.max_score for g in grades.values()), default=0.0)
    blank = Grade("", 0.0, max_score, 0.0, 0.0, 0) if missing_as_zero else None

    def score(stem: str) -> str:
        grade = grades.get(stem, blank)
        return _number(grade.score) if grade is not None else ""

    header: tuple[str, ...]
    rows: list[tuple[str, ...]]
    if target == "canvas":
        _need(members.values(), lambda m: m.id or m.sis_id, "id or sis_id (Canvas matches rows by them)")
        header = ("Student", "ID", "SIS User ID", "Section", column)
        rows = [(m.name or m.student, m.id, m.sis_id, m.section, score(stem)) for stem, m in members.items()]
    elif target == "moodle":
        if moodle_identifier not in MOODLE_IDENTIFIERS:
            raise ValueError(f"unknown Moodle identifier {moodle_identifier!r}; one of {', '.join(MOODLE_IDENTIFIERS)}")
        _need(members.values(), lambda m: getattr(m, moodle_identifier),
              f"{moodle_identifier} (the Moodle identifier chosen)")
        header = (MOODLE_IDENTIFIERS[moodle_identifier], column)
        rows = [(getattr(m, moodle_identifier), score(stem)) for stem, m in members.items()]
    elif target == "csv":
        return _plain(grades, members, roster is not None, unmatched, blank)
    else:
        raise ValueError(f"unknown gradebook {target!r}; one of canvas, moodle, csv")
    return Gradebook(tuple(map(csv_cell, header)), tuple(_text_cells(row, numeric=len(row) - 1) for row in rows),
                     unmatched)


def _plain(grades: Mapping[str, Grade], members: Mapping[str, Member], rostered: bool, unmatched: Unmatched,
           blank: Grade | None) -> Gradebook:
    numbers = ("score", "max_score", "score_before_penalty", "late_penalty", "days_late")
    header = ("student", *(("name", "id", "sis_id", "section") if rostered else ()), *numbers)
    order = list(members) + [s for s in grades if s not in members] if rostered else list(grades)
    rows = []
    for stem in order:
        grade, member = grades.get(stem, blank), members.get(stem)
        people = (member.name, member.id, member.sis_id, member.section) if member else ("", "", "", "")
        values = ((_number(grade.score), _number(grade.max_score), _number(grade.score_before_penalty),
                   _number(grade.late_penalty), str(grade.days_late)) if grade else ("",) * len(numbers))
        rows.append(_text_cells((member.student if member else stem, *(people if rostered else ())),
                                numeric=None) + values)
    return Gradebook(header, tuple(rows), unmatched)


def _text_cells(row: tuple[str, ...], numeric: int | None) -> tuple[str, ...]:
    """Every cell but the ``numeric`` one (ours) through ``csv_cell``."""
    return tuple(cell if index == numeric else csv_cell(cell) for index, cell in enumerate(row))


def _need(members, has, what: str) -> None:
    lacking = [m for m in members if not has(m)]
    if lacking:
        rows = ", ".join(f"{m.student} (row {m.row})" for m in lacking[:10])
        raise RosterError(f"the roster gives no {what} for {len(lacking)} student(s): {rows}")


def _number(value: float) -> str:
    return f"{round(value, 6):g}"
