"""``gradekit similarity``: pairs of students whose solutions to the same problem are unusually alike."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import JustifyMethod
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from gradekit.commands.common import (
    AssignmentOption,
    CourseOption,
    ProblemOption,
    ProblemsDirOption,
    err,
    fail,
    out,
    select,
)

CSV_NAME = "similarity.csv"
HTML_NAME = "similarity.html"


class SimilarityFormat(str, Enum):
    rich = "rich"
    json = "json"


def register(app: typer.Typer) -> None:
    app.command("similarity")(similarity)


def similarity(
    submissions: Annotated[Path, typer.Argument(help="A folder with one sub-folder per student.")],
    out_dir: Annotated[Path, typer.Option("--out", "-o", help=f"Where {HTML_NAME} and {CSV_NAME} are written.")
                       ] = Path("similarity"),
    threshold: Annotated[float, typer.Option(
        "--threshold", min=0.01, max=1.0,
        help="Flag a pair when this share of the smaller solution's fingerprints is in the other.")] = 0.6,
    top: Annotated[int, typer.Option("--top", min=1, help="Pairs reported per problem (flagged ones always).")] = 10,
    max_holders: Annotated[int, typer.Option(
        "--max-holders", min=2, help="Code more students than this share is an idiom, not evidence (MOSS's -m); "
                                     "raise it when one solution circulated widely.")] = 10,
    format: Annotated[SimilarityFormat, typer.Option(
        "--format", help="What the terminal shows: a table of flagged pairs, or JSON.")] = SimilarityFormat.rich,
    problem: ProblemOption = None,
    assignment: AssignmentOption = None,
    course: CourseOption = None,
    problems_dir: ProblemsDirOption = None,
) -> None:
    """Flag pairs of students whose solutions to the same problem are unusually alike (MOSS-style fingerprints).

    Names, comments, formatting, imports and the starter's code are set aside
    first; notebooks count. Writes a self-contained HTML report with the
    shared lines side by side, and a CSV of the pairs.
    """
    from gradekit.grading.output import OutputError, write_atomically
    from gradekit.similarity import SimilarityConfig, compare_class, pairs_csv, report_html
    from gradekit.similarity.report import reported

    if not submissions.is_dir():
        fail(f"{submissions} is not a folder of student folders")
    chosen = select(course=course, problems_dir=problems_dir, assignment=assignment, problem=problem)
    if not chosen.problems:
        fail("no problem selected: give --assignment or --problem")
    config = SimilarityConfig(threshold=threshold, top=top, max_holders=max_holders)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=err, transient=True, disable=not err.is_terminal) as bar:
        task = bar.add_task("reading solutions", total=sum(1 for p in submissions.iterdir() if p.is_dir()))
        results, notes = compare_class(submissions, chosen.problems, chosen.course.references_dir, config,
                                       exclude=out_dir, on_student=lambda _: bar.update(task, advance=1))
    title = f"Similarity: {chosen.assignment.name}" if chosen.assignment else "Similarity"
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        write_atomically(out_dir / HTML_NAME, report_html(results, config, notes, title))
        write_atomically(out_dir / CSV_NAME, pairs_csv(results, config.top).rstrip("\n"))
    except (OutputError, OSError) as error:
        fail(str(error), code=1)

    flagged = [(r.problem, p) for r in results for p in r.pairs if p.flagged]
    if format is SimilarityFormat.json:
        print(json.dumps({"flagged": [{"problem": problem_id, "a": p.a.student, "b": p.b.student,
                                       "similarity": round(p.similarity, 3), "shared": p.shared}
                                      for problem_id, p in flagged],
                          "problems": {r.problem: {"solutions": r.students,
                                                   "reported": len(reported(r.pairs, config.top))} for r in results},
                          "notes": notes}, indent=2, ensure_ascii=False))
    else:
        table = Table(title=f"{len(flagged)} pair(s) flagged at {threshold:.0%}", title_justify="left")
        columns: tuple[tuple[str, JustifyMethod], ...] = (
            ("problem", "left"), ("student", "left"), ("student", "left"), ("similarity", "right"), ("shared", "right"))
        for name, justify in columns:
            table.add_column(name, justify=justify, overflow="fold")
        for problem_id, pair in flagged:
            table.add_row(problem_id, Text(pair.a.student), Text(pair.b.student), f"{pair.similarity:.0%}",
                          str(pair.shared))
        out.print(table)
        for note in notes:
            err.print(Text.assemble(("note:", "yellow"), " ", note), soft_wrap=True)
    err.print(Text(f"wrote {out_dir / HTML_NAME} and {out_dir / CSV_NAME}"), soft_wrap=True)
