"""Checks inside a notebook: ``from gradekit.notebook import check`` then ``check("maxout")``.

What is checked is the *code* the kernel has run so far, never its live
objects: the inputs of this session's cells, read from IPython's history in
the order they ran, become one notebook in a scratch folder, which goes to the
same sandbox and the same public checks as ``gradekit check``. (So a function
defined in a cell that was never run is not seen, a cell run twice counts
once more, and the last definition wins, as in the kernel.) Lines that use
gradekit itself (this import, the ``check(...)`` calls) are left out: the
sandbox has no gradekit.

In Jupyter the result shows in the cell as HTML: each check passed or failed,
why, the smallest failing input, the points. Elsewhere (a terminal IPython, a
script, whose own source is then what is checked) the rich report is printed.
Either way ``check`` returns a ``NotebookCheck`` with ``.score``,
``.max_score`` and ``.checks``.

The problems come from the course found upward from the working directory:
in a student kit, the kit itself (``course.toml``, ``problems/``).
``check()`` with no problem checks the kit's assignment, or every problem of
the kit when it was exported without one.
"""

from __future__ import annotations

import ast
import html
import json
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeGuard

from gradekit.grading.results import CheckResult, SubmissionReport

__all__ = ["check", "NotebookCheck", "NotebookCheckError"]

SCRATCH_NOTEBOOK = "checked-cells.ipynb"


class NotebookCheckError(Exception):
    """``check`` cannot run as asked: no kit found, an unknown problem, no code to check."""


@dataclass(frozen=True)
class NotebookCheck:
    """What ``check`` found: the report of the public checks on the code run so far."""

    report: SubmissionReport
    _shown_in: list = field(default_factory=list, repr=False, compare=False)  # the execution it displayed in

    @property
    def score(self) -> float:
        return self.report.score

    @property
    def max_score(self) -> float:
        return self.report.max_score

    @property
    def checks(self) -> list[CheckResult]:
        return [c for p in self.report.problems for c in p.checks]

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.checks)

    def __repr__(self) -> str:
        failed = sum(not c.passed for c in self.checks)
        return (f"NotebookCheck(score={self.score:g}, max_score={self.max_score:g}, "
                f"checks={len(self.checks)}, failed={failed})")

    def _repr_html_(self) -> str:
        return to_html(self.report)

    def _ipython_display_(self) -> None:
        """Shown by ``check`` already when it is a cell's last expression; shown again in a later cell."""
        shell = _shell()
        if shell is not None and self._shown_in == [shell.execution_count]:
            return
        from IPython.display import HTML, display

        display(HTML(self._repr_html_()))


def check(*problems: str, jobs: int = 1) -> NotebookCheck:
    """Run the public checks of ``problems`` (ids; none: the kit's assignment) on the code run so far."""
    from gradekit.grading.runner import grade_submission

    shell = _shell()
    cells = _history(shell) if shell is not None else _script_source()
    chosen = _problems(problems)
    with tempfile.TemporaryDirectory(prefix="gradekit-notebook-") as scratch:
        folder = Path(scratch) / "notebook"
        folder.mkdir()
        (folder / SCRATCH_NOTEBOOK).write_text(json.dumps(_notebook(without_gradekit(cells))))
        report = grade_submission(folder, chosen, include_hidden=False, jobs=jobs)  # its warnings say how it ran
    result = NotebookCheck(SubmissionReport("this notebook", report.problems, report.warnings))
    if shell is not None and getattr(shell, "kernel", None) is not None:  # Jupyter: HTML in the cell
        from IPython.display import HTML, display

        display(HTML(result._repr_html_()))
        result._shown_in.append(shell.execution_count)
    else:
        from rich.console import Console

        from gradekit.grading.report import render_rich

        render_rich(result.report, Console())
    return result


# ---------------------------------------------------------------- the code that ran


def _shell():
    if "IPython" not in sys.modules:
        return None
    from IPython import get_ipython

    return get_ipython()


def _history(shell) -> list[str]:
    """This session's cell inputs as typed (magics and shell lines too), in the order they ran."""
    return [source for source in shell.history_manager.input_hist_raw if source.strip()]


def _script_source() -> list[str]:
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    if not path or not Path(path).is_file():
        raise NotebookCheckError("check() reads the code to check from a notebook's history or from the "
                                 "script that calls it; here there is neither")
    return [Path(path).read_text(encoding="utf-8")]


def without_gradekit(cells: list[str]) -> list[str]:
    """``cells`` without their top-level statements that import gradekit or use what it bound.

    The sandbox has no gradekit: ``from gradekit.notebook import check`` and
    ``result = check("maxout")`` would fail the import of the whole notebook.
    Functions and classes stay whatever names they use (their bodies do not run
    at import). A cell that does not parse is kept as it is: the grader reports it.
    """
    trees = [_parsed(source) for source in cells]
    bound = set().union(*(_gradekit_names(tree) for tree in trees if tree is not None))
    kept = []
    for source, tree in zip(cells, trees, strict=True):
        if tree is None:
            kept.append(source)
            continue
        dropped: set[int] = set()
        for node in tree.body:
            uses = not isinstance(node, RUN_LATER) and any(
                isinstance(n, ast.Name) and n.id in bound for n in ast.walk(node))
            if _imports_gradekit(node) or uses:
                dropped.update(range(node.lineno - 1, node.end_lineno or node.lineno))
        kept.append("\n".join(line for number, line in enumerate(source.splitlines()) if number not in dropped))
    return kept


RUN_LATER = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def _parsed(source: str) -> ast.Module | None:
    """The cell's syntax tree, its magic and shell lines blanked (the grader skips them), or None."""
    lines = [line if not line.lstrip().startswith(("%", "!")) else "" for line in source.splitlines()]
    try:
        return ast.parse("\n".join(lines))
    except SyntaxError:
        return None


def _imports_gradekit(node: ast.stmt) -> TypeGuard[ast.Import | ast.ImportFrom]:
    if isinstance(node, ast.Import):
        return any(alias.name.split(".")[0] == "gradekit" for alias in node.names)
    return isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "gradekit" and not node.level


def _gradekit_names(tree: ast.Module) -> set[str]:
    """Names that gradekit imports bind at the top level (``check``, ``gradekit``, an alias)."""
    names: set[str] = set()
    for node in tree.body:
        if _imports_gradekit(node):
            names.update((alias.asname or alias.name).split(".")[0] for alias in node.names)
    return names


def _notebook(cells: list[str]) -> dict:
    return {"cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                       "source": source} for source in cells],
            "metadata": {}, "nbformat": 4, "nbformat_minor": 4}


# ---------------------------------------------------------------- which problems


def _problems(ids: tuple[str, ...]):
    """The problems to check: ``ids`` of the course found upward, else its assignment's, else all of them."""
    from gradekit.course.assignment import AssignmentError
    from gradekit.course.course import CourseError
    from gradekit.course.selection import select
    from gradekit.grading.problem import ProblemError

    try:
        if ids:
            return select(problem_ids=list(ids)).problems
        everything = select()
        assignments = sorted(everything.course.assignments_dir.glob("*.toml"))
        if len(assignments) == 1:  # a kit exported for one assignment
            return select(assignment=assignments[0].stem).problems
        return everything.problems
    except (CourseError, AssignmentError, ProblemError) as error:
        raise NotebookCheckError(f"{error} (check() looks for the kit's course.toml from the notebook's "
                                 f"folder upward: open the notebook inside the kit)") from None


# ---------------------------------------------------------------- HTML


STYLE = """<style>
.gk-check { font: 13px/1.45 system-ui, sans-serif; margin: .3rem 0; }
.gk-check table { border-collapse: collapse; margin: .2rem 0 .6rem; }
.gk-check td { padding: .15rem .5rem; vertical-align: top; border-top: 1px solid #e5e5e5; text-align: left; }
.gk-check .gk-ok { color: #2e7d32; font-weight: 700; }
.gk-check .gk-no { color: #c0392b; font-weight: 700; }
.gk-check .gk-why { white-space: pre-wrap; font-family: ui-monospace, monospace; font-size: 12px; color: #444; }
.gk-check td { font-size: 12.5px; }
.gk-check .gk-said { color: #777; }
.gk-check .gk-points { white-space: nowrap; text-align: right; }
.gk-check .gk-name { font-family: ui-monospace, monospace; font-size: 12px; }
.gk-check .gk-dim { color: #777; }
</style>"""


def to_html(report: SubmissionReport) -> str:
    """Each problem's public checks as a small table: ✓ or ✗, the check, its points, why it failed.

    Everything from the student's code (messages, printed output) is escaped.
    """
    parts = [STYLE, '<div class="gk-check">']
    for problem in report.problems:
        verdict = "every public check passes" if all(c.passed for c in problem.checks) else (
            f"{sum(not c.passed for c in problem.checks)} check(s) failed")
        parts.append(f"<div><b>{html.escape(problem.id)}</b> ({html.escape(problem.title)}): "
                     f"<b>{problem.score:g} / {problem.max_score:g}</b> <span class=\"gk-dim\">{verdict}"
                     f"{'' if problem.status == 'graded' else '; ' + html.escape(problem.status)}</span></div><table>")
        for result in problem.checks:
            mark = '<span class="gk-ok">✓</span>' if result.passed else '<span class="gk-no">✗</span>'
            why = "gk-said" if result.passed else "gk-why"  # a passed check says what it holds to
            parts.append(f'<tr><td>{mark}</td><td class="gk-name">{html.escape(result.name)}</td>'
                         f'<td class="gk-points">{result.score:g}/{result.max_score:g}</td>'
                         f'<td class="{why}">{html.escape(result.message)}</td></tr>')
        parts.append("</table>")
        if problem.output.strip() and not all(c.passed for c in problem.checks):
            parts.append(f'<div class="gk-dim">your code printed:</div>'
                         f'<div class="gk-why">{html.escape(problem.output.strip()[-2000:])}</div>')
    parts.append(f"<div><b>total {report.score:g} / {report.max_score:g}</b> "
                 f'<span class="gk-dim">public checks only: the grade also runs hidden checks.</span></div>')
    parts += [f'<div class="gk-dim">{html.escape(w)}</div>' for w in report.warnings]
    parts.append("</div>")
    return "\n".join(parts)
