"""``gradekit assignments``: the course's assignments, their due dates and late policies."""

from __future__ import annotations

import json
from enum import Enum
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from gradekit.commands.common import CourseOption, fail, out


class ListFormat(str, Enum):
    rich = "rich"
    json = "json"


def register(app: typer.Typer) -> None:
    app.command("assignments")(assignments)


def assignments(
    *,
    format: Annotated[ListFormat, typer.Option("--format", help="rich table or JSON.")] = ListFormat.rich,
    course: CourseOption = None,
) -> None:
    """List the course's assignments (assignments/<name>.toml): problems, points, due date, late policy."""
    from gradekit.course.assignment import AssignmentError, discover_assignments
    from gradekit.course.course import CourseError, resolve_course
    from gradekit.grading.problem import ProblemError, discover

    try:
        chosen = resolve_course(course)
        found = discover_assignments(chosen.assignments_dir)
        points = {p.id: p.points for p in discover(chosen.problems_dir)} if found else {}
    except (CourseError, AssignmentError, ProblemError) as error:
        fail(str(error))

    def total(task) -> float:
        return sum(p.points if p.points is not None else points.get(p.id, 0.0) for p in task.problems)

    if format is ListFormat.json:
        print(json.dumps({"course": chosen.title, "assignments": [
            {**task.to_json(), "problems": task.problem_ids, "points": total(task),
             "show_hidden_after_due": task.show_hidden_after_due} for task in found]}, indent=2))
        return
    if not found:
        out.print(f"{chosen.title}: no assignments in {chosen.assignments_dir}")
        return
    table = Table(title=f"{chosen.title}: assignments", title_justify="left")
    table.add_column("assignment", ratio=3)
    table.add_column("problems", ratio=2, style="dim")
    table.add_column("points", justify="right", no_wrap=True)
    table.add_column("due", no_wrap=True)
    table.add_column("late", no_wrap=True)
    for task in found:
        due = f"{task.due:%Y-%m-%d}\n{task.due:%H:%M} {task.due.isoformat()[-6:]}" if task.due else "-"
        late = {"none": "-", "cutoff": "cutoff"}.get(task.late.policy,
                                                     f"-{task.late.per_day:.0%}/day\nmax -{task.late.cap:.0%}")
        table.add_row(f"[bold]{escape(task.name)}[/]\n{escape(task.title)}", "\n".join(task.problem_ids),
                      f"{total(task):g}",
                      due, late)
        table.add_section()
    out.print(table)
