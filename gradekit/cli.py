"""The ``gradekit`` command: typer wiring only; the work is done by library functions."""

from __future__ import annotations

import json
import os
import sys
import warnings
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from gradekit.commands import register_all
from gradekit.grading import problem as problems_lib
from gradekit.grading.report import render_rich, to_gradescope, to_json
from gradekit.grading.runner import grade_submission

app = typer.Typer(help="Autograding, quiz sheets and reference models for Generative AI courses.",
                  no_args_is_help=True, add_completion=False)
out = Console()
err = Console(stderr=True)

ProblemsDir = Annotated[Optional[Path], typer.Option(
    "--problems-dir", help="Folder of problem folders (default: $GRADEKIT_PROBLEMS or the checkout's problems/).")]
ProblemIds = Annotated[Optional[list[str]], typer.Option(
    "--problem", "-p", help="Grade only this problem (repeatable).")]
Jobs = Annotated[int, typer.Option(
    "--jobs", "-j", min=0, help="Problems graded at once, each in its own process (0: one per core, at most 4).")]
DEFAULT_JOBS_CAP = 4  # past this the cheap problems gain little, and each model problem trains in memory


def _job_count(jobs: int) -> int:
    """``jobs``, or with 0 the cores this process may use, up to ``DEFAULT_JOBS_CAP``."""
    if jobs:
        return jobs
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return min(cores, DEFAULT_JOBS_CAP)


class ListFormat(str, Enum):
    rich = "rich"
    json = "json"


class ReportFormat(str, Enum):
    rich = "rich"
    json = "json"
    gradescope = "gradescope"


def _load(problems_dir: Optional[Path], ids: Optional[list[str]]) -> list[problems_lib.Problem]:
    try:
        return problems_lib.select(problems_lib.discover(problems_dir), ids)
    except problems_lib.ProblemError as error:
        err.print(f"[red]error:[/] {error}")
        raise typer.Exit(2) from None


@app.command("list")
def list_problems(
    problems_dir: ProblemsDir = None,
    format: Annotated[ListFormat, typer.Option("--format", help="rich table or JSON.")] = ListFormat.rich,
) -> None:
    """Show the problems with their points."""
    problems = _load(problems_dir, None)
    if format is ListFormat.json:
        print(json.dumps({"problems": [{"id": p.id, "title": p.title, "points": p.points} for p in problems]},
                         indent=2))
        return
    table = Table(title="gradekit problems", title_justify="left")
    for column in ("id", "title", "module", "points"):
        table.add_column(column, justify="right" if column == "points" else "left")
    for p in problems:
        table.add_row(p.id, p.title, f"{p.module}.py", f"{p.points:g}")
    table.add_section()
    table.add_row("total", "", "", f"{sum(p.points for p in problems):g}")
    out.print(table)


def _grade_with_progress(submission: Path, problems, include_hidden: bool, jobs: int):
    # The report states a missing sandbox itself, once; Python's copy of the warning would repeat it.
    warnings.filterwarnings("ignore", message="bubblewrap", category=RuntimeWarning)
    total = sum(len(p.all_checks(include_hidden)) for p in problems)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TimeElapsedColumn(), console=err, transient=True, disable=not err.is_terminal) as bar:
        task = bar.add_task(f"grading {submission}", total=total)

        def advance(problem, result) -> None:
            bar.update(task, advance=1, description=f"{problem.id}: {result.name}")

        return grade_submission(submission, problems, include_hidden=include_hidden, on_check=advance,
                                jobs=_job_count(jobs))


def _warn(report) -> None:
    """The report's warnings on stderr, for formats (JSON, Gradescope) whose shape has no place for them."""
    for warning in report.warnings:
        err.print(f"[bold yellow]warning:[/] {warning}")


@app.command()
def grade(
    submission: Annotated[Path, typer.Argument(help="The submission folder (.py modules or notebooks).")],
    problem: ProblemIds = None,
    format: Annotated[ReportFormat, typer.Option("--format", help="Report format.")] = ReportFormat.rich,
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", help="Write the report to this file instead of stdout.")] = None,
    problems_dir: ProblemsDir = None,
    jobs: Jobs = 0,
) -> None:
    """Grade a submission with every check, public and hidden (the instructor's command).

    Exits 0 whenever a report was produced, whatever the score.
    """
    problems = _load(problems_dir, problem)
    report = _grade_with_progress(submission, problems, include_hidden=True, jobs=jobs)
    if format is ReportFormat.rich and output is None:
        render_rich(report, out)
        return
    _warn(report)
    text = json.dumps(to_gradescope(report), indent=2) if format is ReportFormat.gradescope else to_json(report)
    if output:
        output.write_text(text + "\n")
        err.print(f"wrote {output} (score {report.score:g} / {report.max_score:g})")
    else:
        print(text)


@app.command("check")
def check_submission(
    submission: Annotated[Path, typer.Argument(help="Your working folder.")] = Path("."),
    problem: ProblemIds = None,
    format: Annotated[ListFormat, typer.Option("--format", help="rich or JSON.")] = ListFormat.rich,
    problems_dir: ProblemsDir = None,
    jobs: Jobs = 0,
) -> None:
    """Run the public checks only (what students run before handing in).

    Exits 1 if any public check fails.
    """
    problems = _load(problems_dir, problem)
    report = _grade_with_progress(submission, problems, include_hidden=False, jobs=jobs)
    if format is ListFormat.json:
        _warn(report)
        print(to_json(report))
    else:
        render_rich(report, out)
        out.print("[dim]public checks only: the instructor's grade also runs hidden checks.[/]")
    if any(not c.passed for p in report.problems for c in p.checks):
        raise typer.Exit(1)


register_all(app)


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
