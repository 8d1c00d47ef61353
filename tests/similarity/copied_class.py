"""A synthetic class: independent solutions written differently, and copies disguised as a copier would.

Seven independent students each solve every problem with a different design
(``similarity_designs.py``; which design rotates per problem). Six copiers each take one
independent student's solutions and disguise them:

- ``rename``: every name the student chose (arguments, variables, helpers) renamed;
- ``reformat``: re-printed by ``ast.unparse`` (no comments, other quotes and
  brackets) with two-space indentation and blank lines moved;
- ``reorder``: top-level definitions in another order;
- ``recomment``: comments and docstrings rewritten;
- and a partial copy with a helper and a check of its own added.

One copier hands in a notebook instead of modules. Two copiers take the same
student's work, so they are alike too. ``build_class`` writes the folders and
returns the truth: the pairs, per problem, that should be flagged.
"""

from __future__ import annotations

import ast
import json
import re
from itertools import combinations
from pathlib import Path

from similarity_designs import DESIGNS

MODULES = {"maxout": "maxout", "image-entropy": "image_entropy", "tf-idf": "tf_idf"}
CONTRACT = {"maxout", "image_entropy", "tokenize", "tf", "idf", "tf_idf"}
ORIGINALS = [f"independent-{i}" for i in range(7)]
COPIERS = {  # copier -> (whose work, disguises)
    "copier-rename": ("independent-0", ("rename",)),
    "copier-reformat": ("independent-1", ("reformat",)),
    "copier-reorder": ("independent-2", ("reorder", "recomment")),
    "copier-everything": ("independent-3", ("rename", "reformat", "reorder", "recomment")),
    "copier-adds-code": ("independent-4", ("rename", "add_code")),
    "copier-notebook": ("independent-0", ("rename", "reformat", "recomment")),  # as independent-0 too
}
NOTEBOOK_STUDENTS = {"copier-notebook"}


def rename(source: str) -> str:
    """Every name the student chose, renamed (the contract's function names stay: the grader calls them)."""
    tree = ast.parse(source)
    chosen = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.arg):
            chosen.add(node.arg)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            chosen.add(node.id)
        elif isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name not in CONTRACT:
            chosen.add(node.name)
    chosen -= CONTRACT | {"self"}
    for index, name in enumerate(sorted(chosen)):
        source = re.sub(rf"(?<![.\w]){re.escape(name)}(?!\w)", f"renamed_{index}_{name[::-1].strip('_')}", source)
    return source


def reformat(source: str) -> str:
    """Re-printed from the syntax tree, two-space indents, blank lines inside functions."""
    printed = ast.unparse(ast.parse(source))
    lines = []
    for line in printed.splitlines():
        stripped = line.lstrip(" ")
        indent = (len(line) - len(stripped)) // 4
        lines.append("  " * indent + stripped)
        if stripped.startswith(("for ", "while ", "if ")):
            lines.append("")
    return "\n".join(lines) + "\n"


def reorder(source: str) -> str:
    """Top-level definitions in reverse order, imports first."""
    tree = ast.parse(source)
    imports = [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))]
    rest = [n for n in tree.body if not isinstance(n, (ast.Import, ast.ImportFrom))]
    lines = source.splitlines()
    segments = ["\n".join(lines[n.lineno - 1 - len(getattr(n, "decorator_list", [])):n.end_lineno]) for n in rest]
    header = "\n".join(line for n in imports for line in lines[n.lineno - 1:n.end_lineno])
    return header + "\n\n\n" + "\n\n\n".join(reversed(segments)) + "\n"


def recomment(source: str) -> str:
    """A module docstring and a comment above every statement that starts a block or returns."""
    out = ['"""My solution to the homework, all my own work."""', ""]
    for line in source.splitlines():
        stripped = line.lstrip()
        if stripped.startswith(("return ", "for ", "if ", "while ")):
            out.append(line[:len(line) - len(stripped)] + f"# now the {stripped.split()[0]} part")
        out.append(line + ("  # done" if stripped.startswith("return ") else ""))
    return "\n".join(out) + "\n"


def add_code(source: str) -> str:
    """A helper of the copier's own, and a check at the top of each contract function."""
    tree = ast.parse(source)
    lines = source.splitlines()
    for node in sorted((n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name in CONTRACT),
                       key=lambda n: -n.lineno):
        first = node.body[0]
        indent = " " * first.col_offset
        lines[first.lineno - 1:first.lineno - 1] = [f"{indent}_log_call({node.name!r}, locals())"]
    helper = ["", "", "_CALLS = []", "", "", "def _log_call(name, arguments):",
              "    entry = (name, sorted(arguments))", "    _CALLS.append(entry)", "    if len(_CALLS) > 1000:",
              "        del _CALLS[:500]", "    return entry"]
    return "\n".join(lines + helper) + "\n"


DISGUISES = {"rename": rename, "reformat": reformat, "reorder": reorder, "recomment": recomment,
             "add_code": add_code}


def solutions() -> dict[str, dict[str, str]]:
    """student -> problem -> source."""
    work = {}
    for index, student in enumerate(ORIGINALS):
        work[student] = {problem: designs[(index + shift) % len(designs)]
                         for shift, (problem, designs) in enumerate(DESIGNS.items())}
    for copier, (source_student, disguises) in COPIERS.items():
        work[copier] = {}
        for problem, code in work[source_student].items():
            for disguise in disguises:
                code = DISGUISES[disguise](code)
            ast.parse(code)  # a disguise must keep the code valid
            work[copier][problem] = code
    return work


def truth() -> set[tuple[str, str, str]]:
    """(problem, student, student), names sorted: the pairs that share their origin."""
    origin = {s: s for s in ORIGINALS} | {c: source for c, (source, _) in COPIERS.items()}
    return {(problem, *sorted((a, b))) for problem in DESIGNS for a, b in combinations(origin, 2)
            if origin[a] == origin[b]}


def build_class(folder: Path) -> set[tuple[str, str, str]]:
    for student, work in solutions().items():
        home = folder / student
        home.mkdir(parents=True)
        if student in NOTEBOOK_STUDENTS:
            cells = [{"cell_type": "markdown", "metadata": {}, "source": ["# Homework 2"]}]
            for code in work.values():
                cells.append({"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                              "source": code.splitlines(keepends=True)})
            cells.append({"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
                          "source": ["%matplotlib inline\n", "print(maxout([1, 2, 3, 4], 2))\n"]})
            notebook = {"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
            (home / "homework.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
        else:
            for problem, code in work.items():
                (home / f"{MODULES[problem]}.py").write_text(code, encoding="utf-8")
    return truth()
