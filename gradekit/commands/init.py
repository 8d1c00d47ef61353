"""``gradekit init``: a course folder of your own, a copy of the bundled course or empty."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from gradekit.commands.common import err, fail


def register(app: typer.Typer) -> None:
    app.command("init")(init)


def init(
    *,
    folder: Annotated[Path, typer.Argument(help="The new course folder (must not exist, or be empty).")],
    empty: Annotated[bool, typer.Option(
        "--empty", help="No problems, references, assignments or questions: only the layout and the sheet "
                        "templates.")] = False,
    title: Annotated[Optional[str], typer.Option("--title", help="The course's title (course.toml).")] = None,
) -> None:
    """Write a course folder: course.toml, problems/, references/, assignments/, questions/, templates/.

    It starts as a copy of the bundled Generative AI course, or empty with --empty. Commands run
    inside it (or with --course FOLDER, or $GRADEKIT_COURSE) use it.
    """
    from gradekit.course.course import CourseError
    from gradekit.course.scaffold import init_course

    try:
        root = init_course(folder, empty=empty, title=title)
    except (CourseError, OSError) as error:
        fail(str(error))
    what = "an empty course" if empty else "a copy of the bundled course"
    err.print(f"wrote {what} in {root}\nnext: cd {root} && gradekit new-problem ID "
              f"(then write its reference and checks, and run gradekit validate ID)", highlight=False)
