"""``gradekit grade``: every check of a submission, public and hidden (the instructor's command)."""

from __future__ import annotations

import io
import json
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from gradekit.commands.common import (
    AssignmentOption,
    CourseOption,
    JobsOption,
    ProblemOption,
    ProblemsDirOption,
    err,
    fail,
    grade_with_progress,
    out,
    select,
    to_stdout,
    warn,
)

REPORT_FILE_WIDTH = 100  # columns of the rich report written with --output (a file has no terminal to ask)


class ReportFormat(str, Enum):
    rich = "rich"
    json = "json"
    gradescope = "gradescope"


def register(app: typer.Typer) -> None:
    app.command("grade")(grade)


def grade(
    *,
    submission: Annotated[Path, typer.Argument(help="The submission folder (.py modules or notebooks).")],
    problem: ProblemOption = None,
    assignment: AssignmentOption = None,
    submitted_at: Annotated[Optional[str], typer.Option(
        "--submitted-at", help="When it was handed in (ISO 8601 with an offset, e.g. 2024-09-07T10:00:00+05:30): "
                               "applies the assignment's late policy.")] = None,
    format: Annotated[ReportFormat, typer.Option("--format", help="Report format.")] = ReportFormat.rich,
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", help="Write the report to this file instead of stdout.")] = None,
    course: CourseOption = None,
    problems_dir: ProblemsDirOption = None,
    jobs: JobsOption = 0,
) -> None:
    """Grade a submission with every check, public and hidden (the instructor's command).

    Exits 0 whenever a report was produced, whatever the score.
    """
    from gradekit.course.assignment import AssignmentError, parse_time
    from gradekit.course.graded import grade_under
    from gradekit.grading.report import render_rich, to_gradescope, to_json

    selection = select(course=course, problems_dir=problems_dir, assignment=assignment, problem=problem)
    task = selection.assignment
    if submitted_at is not None and task is None:
        fail("--submitted-at needs --assignment (the due date and late policy are the assignment's)")
    try:
        moment = parse_time(submitted_at, task.due.tzinfo if task and task.due else None, "--submitted-at") \
            if submitted_at is not None else None
    except AssignmentError as error:
        fail(str(error))
    report = grade_with_progress(submission, selection.problems, include_hidden=True, jobs=jobs)
    graded = grade_under(report, task, moment) if task is not None else None
    if format is ReportFormat.rich and output is None:
        with to_stdout():
            graded.render_rich(out) if graded else render_rich(report, out)
        return
    warn(report)
    if format is ReportFormat.rich:  # the same report, as plain text for the file (no colours, no escapes)
        buffer = io.StringIO()
        page = Console(file=buffer, width=REPORT_FILE_WIDTH, no_color=True, highlight=False)
        graded.render_rich(page) if graded else render_rich(report, page)
        text = buffer.getvalue().rstrip("\n")
    elif format is ReportFormat.gradescope:
        text = json.dumps(graded.to_gradescope() if graded else to_gradescope(report), indent=2)
    else:
        text = json.dumps(graded.to_json(), indent=2) if graded else to_json(report)
    score = graded.score if graded else report.score
    if output:
        from gradekit.grading.output import OutputError, write_atomically

        try:  # whole or not at all; a full disk is a message, not a traceback
            write_atomically(output, text)
        except OutputError as error:
            fail(str(error), 1)
        err.print(f"wrote {output} (score {score:g} / {report.max_score:g})")
    else:
        with to_stdout():
            print(text)
