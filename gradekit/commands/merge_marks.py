"""``gradekit merge-marks``: hand marks (short answers, a written analysis) into grade-all's reports and grades.csv."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.text import Text

from gradekit.commands.common import err, fail


def register(app: typer.Typer) -> None:
    app.command("merge-marks")(merge_marks)


def merge_marks(
    out: Annotated[Path, typer.Argument(help="The --out folder of gradekit grade-all (one <student>.json each).")],
    marks: Annotated[Path, typer.Argument(help="CSV: student,item,points,max_points[,problem,comment,visibility].")],
) -> None:
    """Add hand-marked items to each student's report (as checks marked so) and rebuild grades.csv.

    Run it again after changing a mark, or after grade-all graded again: a
    hand-marked item replaces its earlier mark, never adds to it. Nothing
    is written when any row is at fault; every fault is listed.
    """
    from gradekit.grading.output import OutputError, OutputInUse
    from gradekit.lms.hand_marks import MarksError
    from gradekit.lms.merge import merge_marks as merge
    from gradekit.lms.merge import read_marks

    try:
        result = merge(out, read_marks(marks))
    except (MarksError, OutputInUse) as error:
        fail(escape(str(error)))  # the file's own text is not markup
    except OutputError as error:
        fail(str(error), 1)
    err.print(Text(f"merged hand marks into {len(result.students)} report(s); wrote {result.csv}"))
    if result.unmarked:
        err.print(Text.assemble(("no hand mark for", "yellow"), f": {', '.join(result.unmarked)}"))
