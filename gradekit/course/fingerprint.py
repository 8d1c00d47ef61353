"""What a report was graded against, so that a resumed ``grade-all`` never keeps a stale one.

A report records its ``grading`` stamp: the assignment, the problems chosen,
and a fingerprint (SHA-256) of everything that decides a grade: each
problem's ``problem.toml`` and Python files (checks, strategies, metrics,
harness; not its wrong submissions or designs), the reference module the
checks compare with, and the assignment's file (points, due date, late
policy). A report whose stamp differs from the run's is graded again.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

from gradekit.course.assignment import Assignment
from gradekit.grading.problem import Problem

NOT_GRADING = {"tests", "designs", "trivial", "__pycache__"}  # folders of a problem that decide no grade


def grading_files(problem: Problem) -> list[Path]:
    """The files of ``problem`` that decide its grades, sorted."""
    folder = problem.folder
    files = [path for path in folder.rglob("*")
             if path.is_file() and (path.suffix == ".py" or path.name == "problem.toml")
             and not NOT_GRADING & set(path.relative_to(folder).parts[:-1])]
    reference = folder.resolve().parent.parent / "references" / f"{problem.module}.py"
    return sorted(files) + ([reference] if reference.is_file() else [])


def fingerprint(problems: list[Problem], assignment: Assignment | None = None) -> str:
    digest = hashlib.sha256()
    for problem in problems:
        digest.update(f"problem {problem.id}\0".encode())
        for path in grading_files(problem):
            name = path.name if path.parent.name == "references" else path.relative_to(problem.folder).as_posix()
            digest.update(f"{name}\0".encode() + path.read_bytes() + b"\0")
    if assignment is not None and assignment.path is not None:
        digest.update(b"assignment\0" + assignment.path.read_bytes())
    return f"sha256:{digest.hexdigest()}"


def grading_stamp(problems: list[Problem], assignment: Assignment | None = None) -> dict:
    """The run's stamp, recorded in each report (a student's adds ``submitted_at``)."""
    return {"assignment": assignment.name if assignment else None,
            "problems": [p.id for p in problems],
            "fingerprint": fingerprint(problems, assignment)}


def student_stamp(stamp: dict, submitted_at: datetime | None) -> dict:
    return {**stamp, "submitted_at": submitted_at.isoformat() if submitted_at else None}
