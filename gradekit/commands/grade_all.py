"""``gradekit grade-all``: a class at once, in parallel, resumable, with a CSV of grades."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.text import Text

from gradekit.commands.common import AssignmentOption, CourseOption, ProblemOption, ProblemsDirOption, err, fail, select


def register(app: typer.Typer) -> None:
    app.command("grade-all")(grade_all)


def grade_all(
    submissions: Annotated[Path, typer.Argument(
        help="A folder holding one sub-folder per student (.py modules or notebooks).",
        exists=True, file_okay=False)],
    out: Annotated[Path, typer.Option("--out", "-o", help="Where reports and grades.csv are written.")],
    workers: Annotated[int, typer.Option(
        "--workers", "-j", min=1, help="Students graded at once (processes; one core each).")] = 1,
    scheduler: Annotated[Optional[str], typer.Option(
        "--scheduler", help="A Dask scheduler's address (tcp://host:8786): grade on its workers instead.")] = None,
    gradescope: Annotated[bool, typer.Option(
        "--gradescope", help="Also write <student>.results.json for Gradescope.")] = False,
    regrade: Annotated[bool, typer.Option(
        "--regrade", help="Grade every student again, even those with a report in --out.")] = False,
    feedback: Annotated[bool, typer.Option(
        "--feedback", help="Also write OUT/feedback/<student>.md and .html for the students (gradekit feedback).")
    ] = False,
    problem: ProblemOption = None,
    assignment: AssignmentOption = None,
    course: CourseOption = None,
    problems_dir: ProblemsDirOption = None,
) -> None:
    """Grade every student folder in SUBMISSIONS; write OUT/<student>.json and OUT/grades.csv.

    Each report is written as soon as its student is done, so an interrupted
    run resumes where it stopped: students with a report are not graded again
    (unless --regrade), except where the report was made for another
    assignment, other problems or other checks: those are graded again. With
    --assignment, SUBMISSIONS/submissions.csv (student,submitted_at) gives
    the submission times its late policy needs; without it, none is applied.
    One run at a time may write to OUT: a second one stops
    at once, saying so. Exits 1 if the grader itself failed on some student or
    a report could not be written (a full disk: the reports written are kept),
    2 on bad arguments or when another run holds OUT, 128 + N on signal N
    (SIGTERM, SIGHUP: the sandboxes are stopped and cleaned up first).
    """
    from gradekit.course.assignment import AssignmentError
    from gradekit.course.manifest import MANIFEST_NAME, read_manifest
    from gradekit.grading.batch import OutputError, OutputInUse, grade_class
    from gradekit.grading.sandbox import isolation
    from gradekit.grading.termination import Terminated

    selection = select(course=course, problems_dir=problems_dir, assignment=assignment, problem=problem)
    assigned = selection.assignment
    manifest = submissions / MANIFEST_NAME
    submitted = None
    if manifest.is_file() and assigned is None:
        err.print(f"note: {manifest} is not used without --assignment (the due date is the assignment's)")
    elif manifest.is_file() and assigned.due is None:
        err.print(f"note: assignment {assigned.name!r} has no due date; {manifest} is not used")
    elif manifest.is_file():
        try:
            submitted = read_manifest(manifest, assigned.due.tzinfo)
        except AssignmentError as error:
            fail(str(error))
        unknown = sorted(set(submitted) - {p.name for p in submissions.iterdir() if p.is_dir()})
        if unknown:
            err.print(Text(f"note: {MANIFEST_NAME} names student(s) with no folder: {', '.join(unknown)}"))
    elif assigned is not None and assigned.due is not None:
        err.print(f"note: no {manifest}: no late penalty is applied")
    warning = isolation().warning if scheduler is None else None  # Dask workers judge their own sandbox
    if warning:
        err.print(f"[bold yellow]warning:[/] {warning}")

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  TimeRemainingColumn(), console=err, disable=not err.is_terminal) as bar:
        task = bar.add_task("grading", total=None)

        def started(total: int, already: int) -> None:
            bar.update(task, total=total, completed=already,
                       description=f"grading ({already} already graded)" if already else "grading")

        def graded(grade) -> None:
            score = f"{grade.report['score']:g}/{grade.report['max_score']:g}"
            bar.update(task, advance=1, description=f"{escape(grade.student)}: {score}")  # a name is not markup

        try:
            result = grade_class(submissions, out, selection.problems, workers=workers, scheduler=scheduler,
                                 regrade=regrade, gradescope=gradescope, on_start=started, on_graded=graded,
                                 assignment=assigned, submitted=submitted)
        except (ValueError, OutputInUse) as error:
            err.print(Text.assemble(("error:", "red"), f" {error}"))
            raise typer.Exit(2) from None
        except OutputError as error:
            bar.stop()
            err.print(Text.assemble(("error:", "red"), f" {error}. The reports written before are intact; "
                                    "make room (or fix the folder's permissions) and run the same command again"))
            raise typer.Exit(1) from None
        except OSError as error:  # reading SUBMISSIONS, say: a message, never a traceback
            bar.stop()
            where = f" ({error.filename})" if error.filename else ""
            err.print(Text.assemble(("error:", "red"), f" {error.strerror or error}{where}; the reports written "
                                    "before are intact"))
            raise typer.Exit(1) from None
        except (KeyboardInterrupt, Terminated) as stop:
            bar.stop()
            err.print(Text.assemble(("interrupted:", "yellow"), f" the reports written so far are in {out}; "
                                    "run the same command again to grade the rest"))
            if isinstance(stop, Terminated):
                raise
            raise typer.Exit(130) from None

    err.print(Text(f"graded {len(result.graded)} student(s), {len(result.skipped)} already graded; "
                   f"wrote {result.csv}"))
    if result.stale:
        err.print(Text(f"{len(result.stale)} of them had a report made for another assignment, other problems "
                       f"or changed checks, so they were graded again: {', '.join(result.stale)}"))
    if feedback:
        from gradekit.feedback.write import feedback_for_run

        try:
            written = feedback_for_run(out, result.students, selection.problems, assigned)
        except OutputError as error:
            err.print(Text.assemble(("error:", "red"), f" {error}"))
            raise typer.Exit(1) from None
        err.print(Text(f"wrote feedback for {len(written.students)} student(s) in {written.folder} "
                       f"({written.hidden_note})"))
    if result.grader_errors:
        err.print(Text.assemble((f"the grader failed on {len(result.grader_errors)} student(s)", "red"),
                                f" ({', '.join(result.grader_errors)}); run again to retry them"))
        raise typer.Exit(1)
