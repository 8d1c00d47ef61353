"""The assignment as one Jupyter notebook: each problem's statement, then its starter code.

Written by hand as nbformat 4 JSON (no nbformat dependency). The grader reads
a notebook's code cells for the contract's names
(``gradekit.grading.notebook``), so the filled-in notebook is itself a
submission; the closing ``!gradekit check`` cell is a shell line, which the
grader skips.
"""

from __future__ import annotations

from dataclasses import dataclass

NBFORMAT_MINOR = 5  # 4.5 is the first minor version with cell ids, which current Jupyter expects


@dataclass(frozen=True)
class NotebookProblem:
    id: str
    statement: str  # Markdown
    starter: str  # Python source


def assignment_notebook(problems: list[NotebookProblem], introduction: str, check_arguments: str) -> dict:
    """An nbformat 4 notebook: an introduction, then per problem a statement cell and a starter cell."""
    cells = [_cell("markdown", "introduction", introduction)]
    for problem in problems:
        cells.append(_cell("markdown", f"{problem.id}-statement", problem.statement))
        cells.append(_cell("code", f"{problem.id}-starter", problem.starter))
    cells.append(_cell("code", "check", "# the public checks, on the notebooks of this folder, run by this kernel's "
                                        f"Python\nimport sys\n!{{sys.executable}} -m gradekit.cli {check_arguments}"))
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
    cell = {"cell_type": kind, "id": cell_id, "metadata": {}, "source": lines}
    if kind == "code":
        cell |= {"execution_count": None, "outputs": []}
    return cell
