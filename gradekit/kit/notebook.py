"""The assignment as a Jupyter notebook: each problem's statement, its starter, and a cell that checks it.

Written by hand as nbformat 4 JSON (no nbformat dependency). The grader reads
a notebook's code cells for the contract's names
(``gradekit.grading.notebook``), so the filled-in notebook is itself a
submission. The check cells call ``gradekit.notebook.check``, which sends the
code the kernel has run to the same sandbox and public checks as ``gradekit
check`` and shows the result in the cell; the grader leaves those lines out.
"""

from __future__ import annotations

from dataclasses import dataclass

NBFORMAT_MINOR = 5  # 4.5 is the first minor version with cell ids, which current Jupyter expects
SETUP = "from gradekit.notebook import check  # runs the public checks on the code this notebook has run"


@dataclass(frozen=True)
class NotebookProblem:
    id: str
    statement: str  # Markdown
    starter: str  # Python source


def check_call(problem_ids: list[str] | None = None) -> str:
    """``check()`` (the kit's assignment), or ``check("a", "b")`` for some of its problems."""
    return f"check({', '.join(repr(i) for i in problem_ids or [])})".replace("'", '"')


def assignment_notebook(problems: list[NotebookProblem], introduction: str, final_check: str) -> dict:
    """An nbformat 4 notebook: an introduction, then per problem its statement, starter and check cells.

    ``final_check`` is the closing cell's call (``check_call``): every problem of the notebook.
    """
    cells = [_cell("markdown", "introduction", introduction), _cell("code", "setup", SETUP)]
    for problem in problems:
        cells.append(_cell("markdown", f"{problem.id}-statement", problem.statement))
        cells.append(_cell("code", f"{problem.id}-starter", problem.starter))
        cells.append(_cell("code", f"{problem.id}-check", check_call([problem.id])))
    cells.append(_cell("markdown", "check-all-heading", "## Every problem at once\n\nThe public checks of "
                                                         "every problem of this notebook, as the grader's first "
                                                         "pass runs them."))
    cells.append(_cell("code", "check", final_check))
    return {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": NBFORMAT_MINOR,
    }


def _cell(kind: str, cell_id: str, text: str) -> dict:
    lines = text.rstrip("\n").splitlines(keepends=True)
    cell: dict[str, object] = {"cell_type": kind, "id": cell_id, "metadata": {}, "source": lines}
    if kind == "code":
        cell |= {"execution_count": None, "outputs": []}
    return cell
