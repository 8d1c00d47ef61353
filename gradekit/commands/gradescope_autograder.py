"""``gradekit gradescope-autograder``: the zip to upload as a Gradescope programming assignment's autograder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.markup import escape
from rich.text import Text

from gradekit.commands.common import AssignmentOption, CourseOption, ProblemOption, ProblemsDirOption, err, fail, select


def register(app: typer.Typer) -> None:
    app.command("gradescope-autograder")(gradescope_autograder)


def gradescope_autograder(
    out: Annotated[Path, typer.Option("--out", "-o", help="The zip to write (autograder.zip).")],
    assignment: AssignmentOption = None,
    problem: ProblemOption = None,
    wheel: Annotated[Optional[Path], typer.Option(
        "--wheel", help="The gradekit wheel to carry (default: built from this gradekit's checkout).")] = None,
    course: CourseOption = None,
    problems_dir: ProblemsDirOption = None,
) -> None:
    """Write Gradescope's autograder zip: setup.sh, run_autograder, gradekit's wheel and the course files.

    On Gradescope each submission is graded with every check, public and
    hidden; results.json carries the score after the assignment's late policy
    (from Gradescope's submission time), Markdown feedback per check, hidden
    checks visible after the due date where the assignment says so, and a
    leaderboard of the metrics. The zip holds references and hidden checks:
    upload it, never share it.
    """
    from gradekit.lms.gradescope_zip import AutograderError, write_autograder_zip

    if assignment is None and not problem:
        fail("give --assignment (or --problem): the autograder grades one assignment's problems")
    selection = select(course=course, problems_dir=problems_dir, assignment=assignment, problem=problem)
    try:
        members = write_autograder_zip(out, selection, wheel=wheel)
    except (AutograderError, OSError) as error:
        fail(escape(str(error)), 1)
    err.print(Text(f"wrote {out}: {len(members)} files, problems {', '.join(selection.problem_ids)}"
                   + (f" of {selection.assignment.name}" if selection.assignment else "")))
