"""``gradekit export-student``: the kit students check their work with, without the answers."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

err = Console(stderr=True)


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
    install_command: Annotated[str, typer.Option(
        "--install", help="How the README tells students to install gradekit.")] = "pip install gradekit",
    problems_dir: Annotated[Optional[Path], typer.Option(
        "--problems-dir", help="Folder of problem folders (default: $GRADEKIT_PROBLEMS or the checkout's).")] = None,
) -> None:
    """Write the student kit: statements, starter modules, a notebook and the public checks.

    No reference, hidden check or wrong submission goes in; the kit is audited before it is written.
    """
    from gradekit.grading import problem as problems_lib
    from gradekit.kit.audit import KitLeak
    from gradekit.kit.export import KitError, export_kit
    from gradekit.kit.starter import StarterError
    from gradekit.kit.statement import StatementError

    ids = [i.strip() for entry in problems or [] for i in entry.split(",") if i.strip()]
    try:
        selected = problems_lib.select(problems_lib.discover(problems_dir), ids)
        path = export_kit(selected, out, install_command=install_command, as_zip=format is KitFormat.zip)
    except (problems_lib.ProblemError, KitError, KitLeak, StarterError, StatementError) as error:
        err.print(f"[red]error:[/] {error}")
        raise typer.Exit(2) from None
    err.print(f"wrote {path}: {len(selected)} problem(s); students run "
              f"[bold]gradekit check . --problems-dir problems[/] in it")
