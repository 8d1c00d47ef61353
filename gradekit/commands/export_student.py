"""``gradekit export-student``: the kit students check their work with, without the answers."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from gradekit.commands.common import AssignmentOption, CourseOption, ProblemsDirOption, err, fail, select


class KitFormat(str, Enum):
    dir = "dir"
    zip = "zip"


def register(app: typer.Typer) -> None:
    app.command("export-student")(export_student)


def export_student(
    out: Annotated[Path, typer.Option("--out", "-o", help="The kit's folder (or zip file with --format zip).")],
    problems: Annotated[Optional[list[str]], typer.Option(
        "--problems", "-p", help="Problem ids, comma-separated or repeated (default: every problem).")] = None,
    format: Annotated[KitFormat, typer.Option(
        "--format", help="dir: a folder; zip: one .zip to upload to an LMS.")] = KitFormat.dir,
    install_command: Annotated[Optional[str], typer.Option(
        "--install", help="How the README tells students to install gradekit "
                          "(default: pip install the wheel the kit carries).")] = None,
    wheel: Annotated[Optional[Path], typer.Option(
        "--wheel", help="The gradekit wheel the kit carries in wheels/ (default: this gradekit's, "
                        "built without the course).")] = None,
    assignment: AssignmentOption = None,
    course: CourseOption = None,
    problems_dir: ProblemsDirOption = None,
) -> None:
    """Write the student kit: statements, starter modules, a notebook and the public checks.

    No reference, hidden check or wrong submission goes in; the kit is audited before it is written.
    """
    from gradekit.course.course import COURSE_FILE
    from gradekit.grading.problem import ProblemError
    from gradekit.kit.audit import KitLeak
    from gradekit.kit.export import KitError, export_kit, kit_assignment_toml
    from gradekit.kit.starter import StarterError
    from gradekit.kit.statement import StatementError

    selection = select(course=course, problems_dir=problems_dir, assignment=assignment, problem=problems)
    task = selection.assignment
    # The kit is a course of its own (no references): `gradekit check` in it finds its problems and assignment.
    extra = {COURSE_FILE: f"title = {json.dumps(selection.course.title + ' (student kit)')}\n"}
    try:
        if task is not None:  # worth the public checks' share of its points, as the kit's problems are
            shares = {p.id: sum(c.points for c in p.checks("public")) / p.points for p in selection.problems
                      if p.points > 0}
            extra[f"assignments/{task.path.name}"] = kit_assignment_toml(task.path.read_text(encoding="utf-8"),
                                                                         shares)
        path = export_kit(selection.problems, out, references_dir=selection.course.references_dir,
                          install_command=install_command, as_zip=format is KitFormat.zip, extra_files=extra,
                          wheel=wheel)
    except (ProblemError, KitError, KitLeak, StarterError, StatementError, OSError) as error:
        fail(str(error))
    check = "gradekit check ." + (f" --assignment {task.name}" if task else "")
    err.print(f"wrote {path}: {len(selection.problems)} problem(s); students run [bold]{check}[/] in it")
