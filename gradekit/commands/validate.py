"""``gradekit validate``: what tests/problems proves, for a course's problems, without pytest.

The rules that grade submissions (points add up, the reference earns full
marks, each wrong submission loses exactly its points, every check is failed
by some wrong submission, trivial submissions earn nothing) are
``gradekit.grading.validation``'s; this verb adds the two a student kit relies
on (the statement renders, the public checks import no reference) and shows
the findings as they come.
"""

from __future__ import annotations

import traceback
from itertools import chain
from typing import Annotated, Optional

import typer

from gradekit.commands.common import CourseOption, ProblemsDirOption, err, fail, out, select


def register(app: typer.Typer) -> None:
    app.command("validate")(validate)


def validate(
    *,
    problem_ids: Annotated[Optional[list[str]], typer.Argument(
        metavar="[ID]...", help="The problems to validate (default: every problem of the course).")] = None,
    trivial: Annotated[bool, typer.Option(
        "--trivial/--no-trivial", help="Also grade the trivial submissions (constants, zeros, NaN, the input, "
                                       "random values); each must earn nothing.")] = True,
    course: CourseOption = None,
    problems_dir: ProblemsDirOption = None,
) -> None:
    """Prove the course's problems: reference full marks, wrong submissions lose exactly their points,
    every check can fail, points add up, the statement renders, public checks import no reference.

    Exits 1 if any rule fails.
    """
    from gradekit.grading.problem import ProblemError
    from gradekit.grading.validation import Finding, findings

    selection = select(course=course, problems_dir=problems_dir, problem=problem_ids)
    failed = 0
    for problem in selection.problems:
        out.print(f"[bold]{problem.id}[/] ({problem.title})", highlight=False)
        try:
            for finding in chain(kit_findings(problem, Finding),
                                 findings(problem, references_dir=selection.course.references_dir, trivial=trivial)):
                failed += not finding.ok
                _show(finding)
        except ProblemError as error:  # e.g. an expected.toml that is not TOML
            failed += 1
            _show(Finding(problem.id, "problem folder", False, str(error)))
        except Exception as error:  # a TA's check module that does not load: where, not a traceback
            failed += 1
            _show(Finding(problem.id, "checks load", False, _where(error)))
    if failed:
        fail(f"{failed} rule(s) failed", code=1)
    err.print(f"{len(selection.problems)} problem(s) valid")


def kit_findings(problem, finding_type):
    """The statement renders from problem.toml; the public checks (what ships) import no reference."""
    from gradekit.kit.audit import KitLeak
    from gradekit.kit.manifest import public_files
    from gradekit.kit.statement import StatementError, render_statement

    try:
        render_statement(problem.folder, problem.statement_context())
        yield finding_type(problem.id, "statement renders", True)
    except StatementError as error:
        yield finding_type(problem.id, "statement renders", False, str(error))
    except Exception as error:  # a Jinja error: a TA's template, reported, not a traceback
        yield finding_type(problem.id, "statement renders", False, f"{type(error).__name__}: {error}")
    try:
        shipped = public_files(problem)
        yield finding_type(problem.id, "public checks import no reference", True, f"{len(shipped)} file(s) ship")
    except KitLeak as error:
        yield finding_type(problem.id, "public checks import no reference", False, str(error))


def _show(finding) -> None:
    mark = "[green]✓[/]" if finding.ok else "[red]✗[/]"
    detail = f" [dim]{finding.detail}[/]" if finding.ok and finding.detail else ""
    out.print(f"  {mark} {finding.rule}{detail}", highlight=False)
    if not finding.ok and finding.detail:
        out.print(f"      {finding.detail}", highlight=False)


def _where(error: BaseException) -> str:
    """``error`` with the innermost frame of the course's own files (a check module, a strategy)."""
    frames = [f for f in traceback.extract_tb(error.__traceback__) if "/gradekit/" not in f.filename]
    place = f" ({frames[-1].filename}, line {frames[-1].lineno})" if frames else ""
    return f"{type(error).__name__}: {error}{place}"
