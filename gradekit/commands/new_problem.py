"""``gradekit new-problem``: a problem folder and a reference stub for a TA to fill in."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from gradekit.commands.common import CourseOption, err, fail


def register(app: typer.Typer) -> None:
    app.command("new-problem")(new_problem)


def new_problem(
    *,
    problem_id: Annotated[str, typer.Argument(metavar="ID", help="The problem's id, e.g. psnr or image-entropy.")],
    title: Annotated[Optional[str], typer.Option("--title", help="The problem's title.")] = None,
    module: Annotated[Optional[str], typer.Option(
        "--module", help="The student's module (default: the id with '_' for '-').")] = None,
    course: CourseOption = None,
) -> None:
    """Scaffold problems/ID (toml, statement, public and hidden checks, strategies, a wrong submission)
    and references/<module>.py in the course.

    Fill in the reference and the checks, then run `gradekit validate ID`.
    """
    from gradekit.course.course import CourseError, resolve_course
    from gradekit.course.scaffold import new_problem as scaffold

    try:
        chosen = resolve_course(course)
        files = scaffold(chosen, problem_id, title=title, module=module)
    except (CourseError, OSError) as error:
        fail(str(error))
    for path in files:
        err.print(f"  wrote {path.relative_to(chosen.root)}", highlight=False)
    err.print(f"next: write references/{files[-1].name if files[-1].parent.name == 'references' else ''}"
              f" and the checks (every TODO), then `gradekit validate {problem_id}`", highlight=False)
