"""``gradekit check``: the public checks only, what students run before handing in."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from gradekit.commands.common import (
    AssignmentOption,
    CourseOption,
    JobsOption,
    ProblemOption,
    ProblemsDirOption,
    grade_with_progress,
    out,
    select,
    to_stdout,
    warn,
)


class CheckFormat(str, Enum):
    rich = "rich"
    json = "json"


def register(app: typer.Typer) -> None:
    app.command("check")(check)


def check(
    *,
    submission: Annotated[Path, typer.Argument(help="Your working folder.")] = Path("."),
    problem: ProblemOption = None,
    assignment: AssignmentOption = None,
    format: Annotated[CheckFormat, typer.Option("--format", help="rich or JSON.")] = CheckFormat.rich,
    course: CourseOption = None,
    problems_dir: ProblemsDirOption = None,
    jobs: JobsOption = 0,
) -> None:
    """Run the public checks only (what students run before handing in).

    Exits 1 if any public check fails.
    """
    from gradekit.grading.report import render_rich, to_json

    selection = select(course=course, problems_dir=problems_dir, assignment=assignment, problem=problem)
    report = grade_with_progress(submission, selection.problems, include_hidden=False, jobs=jobs)
    task = selection.assignment
    if task is not None:  # each check worth what it is worth in the assignment, as the instructor's grade has it
        from gradekit.course.graded import public_checks_under

        report = public_checks_under(report, task, {p.id: p.points for p in selection.problems})
    if format is CheckFormat.json:
        warn(report)
        with to_stdout():
            print(to_json(report))
    else:
        with to_stdout():
            if task is not None:
                due = f"due {task.due.isoformat()}" if task.due else "no due date"
                out.print(f"[bold]{escape(task.title)}[/] [dim]({due}; {task.late.describe()})[/]", highlight=False)
            render_rich(report, out)
            out.print("[dim]public checks only: the instructor's grade also runs hidden checks.[/]")
            total = sum(task.points_of(p.id) or p.points for p in selection.problems) if task is not None else 0
            if report.max_score < total - 1e-9:  # a course with hidden checks (in a student kit there are none)
                out.print(f"[dim]each check at its points in the assignment: the public checks are "
                          f"{report.max_score:g} of its {total:g} points.[/]", highlight=False)
    if any(not c.passed for p in report.problems for c in p.checks):
        raise typer.Exit(1)
