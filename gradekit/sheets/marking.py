"""Marking an answer CSV against ``key.json``: each answer within its tolerance earns its points,
each number of an array its share of them (as Moodle's cloze fields).

The CSV has a ``student`` column and one column per answerable question id
(what ``gradekit quiz --answer-template`` writes). A cell holds

- a number (``0.057``, ``-3``, ``1/9``) for a numeric part; an array as its
  numbers separated by spaces (commas, semicolons and brackets are tolerated),
  row-major;
- ``T``/``F``/``true``/``false`` for a true/false item;
- the option's letter (``B``, ``b``, ``(b)``) for a multiple choice.

An empty cell is an unanswered question (0 points, no complaint). Anything
that cannot be read (a malformed cell, an unknown student or column, a missing
column, a repeated row) is reported as a ``Problem`` naming its row and column,
and costs only that cell or row: every other student is still marked.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from gradekit.sheets.key import Key, KeyQuestion
from gradekit.sheets.model import LETTERS

ROUNDING_SLACK = 1e-9  # relative slack so that a tolerance of 0 survives float round-off


@dataclass(frozen=True)
class Problem:
    """Something in the answer CSV that could not be marked. ``row`` is the CSV line (1 = header)."""

    row: int
    column: str | None
    message: str

    def __str__(self) -> str:
        column = f", column {self.column!r}" if self.column else ""
        return f"row {self.row}{column}: {self.message}"


@dataclass(frozen=True)
class QuestionMark:
    id: str
    given: str  # the cell as written ("" when unanswered or the column is missing)
    expected: Any
    points: float
    max_points: float
    error: str | None = None  # why the cell could not be read
    hand_marked: bool = False  # a short answer: ``given`` is its points as the marks file has them ("" unmarked)

    @property
    def correct(self) -> bool:
        return self.points == self.max_points


@dataclass(frozen=True)
class StudentMark:
    student: str
    row: int
    questions: tuple[QuestionMark, ...]

    @property
    def score(self) -> float:
        return sum(q.points for q in self.questions)

    @property
    def max_score(self) -> float:
        return sum(q.max_points for q in self.questions)


@dataclass(frozen=True)
class Marks:
    students: tuple[StudentMark, ...]
    problems: tuple[Problem, ...]
    absent: tuple[str, ...] = ()  # students of the key with no row (absent, or not yet typed in)


class CellError(ValueError):
    """A cell that is not an answer of the question's kind."""


def mark_answers(text: str, key: Key, hand_marks: Mapping[str, Mapping[str, str]] | None = None) -> Marks:
    """Mark every row of the answer CSV ``text``; problems are collected, never raised.

    A short answer counts at its ``hand_points``, with the points ``hand_marks``
    gives it (student -> question id -> points, checked against the key by
    ``gradekit.lms.quiz_marks``), or none until it is marked.
    """
    problems: list[Problem] = []
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if not header or not any(cell.strip() for cell in header):
        return Marks((), (Problem(1, None, "the answer CSV is empty: expected a header row"),))
    header = [cell.strip() for cell in header]
    if "student" not in header:
        return Marks((), (Problem(1, "student", "missing column: the header needs a 'student' column"),))
    column_of = _columns(header, key, problems)

    students: list[StudentMark] = []
    seen: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            problems.append(Problem(line, None, f"{len(row)} cells but the header has {len(header)}: "
                                                "the extra cells are ignored"))
        cells = row + [""] * (len(header) - len(row))
        student = cells[column_of["student"]].strip()
        if student not in key.sheets:
            problems.append(Problem(line, "student", f"unknown student {student!r}: this row is not marked"))
            continue
        if student in seen:
            problems.append(Problem(line, "student", f"student {student!r} already answered on row "
                                                     f"{seen[student]}: this row is not marked"))
            continue
        seen[student] = line
        marks = []
        for question in key.sheets[student]:
            if not question.answerable:
                marks.append(hand_mark(question, (hand_marks or {}).get(student, {}).get(question.id, "")))
                continue
            given = cells[column_of[question.id]].strip() if question.id in column_of else ""
            mark = mark_cell(question, given)
            if mark.error:
                problems.append(Problem(line, question.id, mark.error))
            marks.append(mark)
        students.append(StudentMark(student, line, tuple(marks)))

    absent = tuple(student for student in key.sheets if student not in seen)
    return Marks(tuple(students), tuple(problems), absent)


def _columns(header: list[str], key: Key, problems: list[Problem]) -> dict[str, int]:
    """Column name -> index; reports repeated, unknown and missing columns."""
    known = set(key.columns)
    by_hand = {q.id for questions in key.sheets.values() for q in questions if not q.answerable}
    column_of: dict[str, int] = {}
    for index, name in enumerate(header):
        if name in column_of:
            problems.append(Problem(1, name, "repeated column: only its first occurrence is marked"))
        elif name in by_hand and name not in known:
            problems.append(Problem(1, name, "a question marked by hand: its marks come from --marks, "
                                             "this column is ignored"))
        elif name != "student" and name not in known:
            problems.append(Problem(1, name, "not a question of the key: ignored"))
        else:
            column_of[name] = index
    for name in key.columns:
        if name not in column_of:
            problems.append(Problem(1, name, "missing column: every student gets 0 for this question"))
    return column_of


def hand_mark(question: KeyQuestion, given: str) -> QuestionMark:
    """A short answer marked by hand: ``given`` its points ("" not marked yet: 0), out of its ``hand_points``."""
    return QuestionMark(question.id, given, question.answer, float(given) if given else 0.0, question.hand_points,
                        hand_marked=True)


def mark_cell(question: KeyQuestion, given: str) -> QuestionMark:
    """One answer against its key (with ``error`` if unreadable).

    A choice earns its points or 0. A numeric answer earns its share of the
    points for each number within tolerance, as Moodle's cloze fields do: 3 of
    an array's 4 numbers right earn 3/4 of its points.
    """
    def result(points: float, error: str | None = None) -> QuestionMark:
        return QuestionMark(question.id, given, question.answer, points, question.points, error)

    if not given:
        return result(0.0)
    try:
        if question.kind == "numeric":
            return result(question.points * _numeric_share(question, given))
        right = {"truefalse": _truefalse_right, "multichoice": _multichoice_right}[question.kind](question, given)
    except CellError as error:
        return result(0.0, str(error))
    return result(question.points if right else 0.0)


def _numeric_share(question: KeyQuestion, given: str) -> float:
    """The fraction of the key's numbers that ``given`` matches, each within the tolerance."""
    expected = question.answer if isinstance(question.answer, list) else [question.answer]
    numbers = parse_numbers(given)
    if len(numbers) != len(expected):
        raise CellError(f"expected {len(expected)} number{'s' * (len(expected) != 1)}, "
                        f"got {len(numbers)} in {given!r}")
    right = sum(abs(g - e) <= question.tolerance + ROUNDING_SLACK * max(1.0, abs(e))
                for g, e in zip(numbers, expected, strict=True))
    return right / len(expected)


def parse_numbers(cell: str) -> list[float]:
    """``"3 6 1 9"``, ``"[3, 6; 1, 9]"``, ``"1/9"`` -> floats; ``CellError`` for anything else."""
    tokens = re.split(r"[\s,;\[\]()]+", cell)
    numbers = []
    for token in filter(None, tokens):
        try:
            if "/" in token:
                numerator, denominator = token.split("/")
                value = float(numerator) / float(denominator)
            else:
                value = float(token)
        except (ValueError, ZeroDivisionError):
            raise CellError(f"{token!r} is not a number") from None
        if not math.isfinite(value):
            raise CellError(f"{token!r} is not a finite number")
        numbers.append(value)
    return numbers


def _truefalse_right(question: KeyQuestion, given: str) -> bool:
    word = given.strip().lower()
    if word not in ("t", "true", "f", "false"):
        raise CellError(f"{given!r} is not true or false (write T or F)")
    return word.startswith("t") == question.answer


def _multichoice_right(question: KeyQuestion, given: str) -> bool:
    letter = re.sub(r"[\s().]", "", given).upper()
    choices = LETTERS[:question.choices] if question.choices else LETTERS
    if len(letter) != 1 or letter not in choices:
        raise CellError(f"{given!r} is not one of the options {choices[0]}-{choices[-1]}")
    return letter == question.answer.upper()
