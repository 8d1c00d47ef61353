"""``gradekit feedback``: a Markdown and a self-contained HTML page per student from grade-all's reports."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from gradekit.commands.common import AssignmentOption, CourseOption, ProblemsDirOption, err, fail


def register(app: typer.Typer) -> None:
    app.command("feedback")(feedback)


def feedback(
    out: Annotated[Path, typer.Argument(help="The --out folder of gradekit grade-all (one <student>.json each).")],
    assignment: AssignmentOption = None,
    course: CourseOption = None,
    problems_dir: ProblemsDirOption = None,
) -> None:
    """Write OUT/feedback/<student>.md and .html: scores, each check's outcome, margins, figures.

    Public checks show their message and smallest failing input; hidden ones
    only what the report's assignment allows (with show_hidden_after_due, their
    messages once the due date has passed: run this again after it). The HTML
    page opens offline: figures inside, math as MathML, no script.
    """
    from gradekit.class_report.load import NoReports
    from gradekit.course.assignment import AssignmentError
    from gradekit.course.course import CourseError
    from gradekit.feedback.write import feedback_for_folder
    from gradekit.grading.output import OutputError
    from gradekit.grading.problem import ProblemError

    try:
        written = feedback_for_folder(out, course=course, problems_dir=problems_dir, assignment=assignment)
    except (NoReports, CourseError, AssignmentError, ProblemError) as error:
        fail(str(error))
    except OutputError as error:
        fail(str(error), 1)
    for batch in written:
        err.print(Text(f"wrote feedback for {len(batch.students)} student(s) in {batch.folder} ({batch.hidden_note})"))
