"""What the verbs share: their options, defined once, and choosing the course and problems.

Like nbgrader's aliases: ``--course``, ``--problems-dir``, ``--assignment``,
``--problem`` and ``--jobs`` mean the same in every command that takes them.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, NoReturn, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

out = Console()
err = Console(stderr=True)

CourseOption = Annotated[Optional[Path], typer.Option(
    "--course", help="The course folder (default: $GRADEKIT_COURSE, else a course.toml above the working "
                     "directory, else the course bundled with gradekit).")]
ProblemsDirOption = Annotated[Optional[Path], typer.Option(
    "--problems-dir", help="A folder of problem folders to use instead of the course's "
                           "(default: $GRADEKIT_PROBLEMS, or ./problems in a student kit).")]
AssignmentOption = Annotated[Optional[str], typer.Option(
    "--assignment", "-a", help="Only this assignment's problems, with its points, due date and late policy "
                               "(a name from `gradekit assignments`).")]
ProblemOption = Annotated[Optional[list[str]], typer.Option(
    "--problem", "-p", help="Only this problem (repeatable, or comma-separated).")]
JobsOption = Annotated[int, typer.Option(
    "--jobs", "-j", min=0, help="Problems graded at once, each in its own process (0: one per core, at most 4).")]
DEFAULT_JOBS_CAP = 4  # past this the cheap problems gain little, and each model problem trains in memory


def fail(message: str, code: int = 2) -> NoReturn:
    err.print(f"[red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)


def select(*, course: Path | None = None, problems_dir: Path | None = None, assignment: str | None = None,
           problem: list[str] | None = None):
    """The shared options resolved to a ``Selection``, or a clear error and exit status 2."""
    from gradekit.course.assignment import AssignmentError
    from gradekit.course.course import CourseError
    from gradekit.course.selection import select as select_problems
    from gradekit.grading.problem import ProblemError

    try:
        return select_problems(course=course, problems_dir=problems_dir, assignment=assignment,
                               problem_ids=problem)
    except (CourseError, AssignmentError, ProblemError) as error:
        fail(str(error))


def job_count(jobs: int) -> int:
    """``jobs``, or with 0 the cores this process may use, up to ``DEFAULT_JOBS_CAP``."""
    if jobs:
        return jobs
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return min(cores, DEFAULT_JOBS_CAP)


def grade_with_progress(submission: Path, problems, *, include_hidden: bool, jobs: int):
    """``grade_submission`` with a progress bar on stderr (when it is a terminal).

    The bar redraws on each check (no refresh thread), so that the grader may fork
    its helper processes from this one (``grading.parallel``).
    """
    from gradekit.grading.runner import grade_submission
    from gradekit.safe_text import clean

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err, transient=True, auto_refresh=False,
                  disable=not err.is_terminal) as bar:
        task = bar.add_task(f"grading {escape(clean(str(submission)))}", total=None)  # a folder name is not markup

        def planned(plan) -> None:
            bar.update(task, total=plan.check_count, refresh=True)

        def advance(problem, result) -> None:
            bar.update(task, advance=1, description=f"{problem.id}: {result.name}", refresh=True)

        return grade_submission(submission, problems, include_hidden=include_hidden, on_check=advance,
                                jobs=job_count(jobs), on_plan=planned)


def warn(report) -> None:
    """The report's warnings on stderr, for formats (JSON, Gradescope) whose shape has no place for them."""
    for warning in report.warnings:
        err.print(Text.assemble(("warning:", "bold yellow"), " ", warning))  # text, never markup


@contextmanager
def to_stdout() -> Iterator[None]:
    """Printing a report: a full disk or a closed pipe on standard output is a message and exit status 1."""
    try:
        yield
        sys.stdout.flush()
    except OSError as error:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # what is left unflushed goes nowhere at exit
        fail(f"cannot write the report to standard output: {error.strerror or error}", 1)
