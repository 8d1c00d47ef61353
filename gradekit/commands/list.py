"""``gradekit list``: the course's problems (or an assignment's) with their points."""

from __future__ import annotations

import json
from enum import Enum
from typing import Annotated

import typer
from rich.table import Table

from gradekit.commands.common import AssignmentOption, CourseOption, ProblemsDirOption, out, select


class ListFormat(str, Enum):
    rich = "rich"
    json = "json"


def register(app: typer.Typer) -> None:
    app.command("list")(list_problems)


def list_problems(
    *,
    assignment: AssignmentOption = None,
    format: Annotated[ListFormat, typer.Option("--format", help="rich table or JSON.")] = ListFormat.rich,
    course: CourseOption = None,
    problems_dir: ProblemsDirOption = None,
) -> None:
    """Show the problems with their points (an assignment's points with --assignment)."""
    selection = select(course=course, problems_dir=problems_dir, assignment=assignment)
    task = selection.assignment

    def points(problem) -> float:
        given = task.points_of(problem.id) if task else None
        return problem.points if given is None else given

    rows = [{"id": p.id, "title": p.title, "points": points(p)} for p in selection.problems]
    if format is ListFormat.json:
        listing = {"problems": rows}
        if task is not None:
            listing = {"assignment": task.to_json(), **listing}
        print(json.dumps(listing, indent=2))
        return
    title = f"{task.title} ({task.name})" if task else f"{selection.course.title}: problems"
    table = Table(title=title, title_justify="left")
    for column in ("id", "title", "module", "points"):
        table.add_column(column, justify="right" if column == "points" else "left")
    for p in selection.problems:
        table.add_row(p.id, p.title, f"{p.module}.py", f"{points(p):g}")
    table.add_section()
    table.add_row("total", "", "", f"{sum(r['points'] for r in rows):g}")
    out.print(table)
