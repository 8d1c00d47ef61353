"""Reading a class's solutions from disk: one source per student and problem, and the starter to discount.

A student's solution to a problem is its module (``<module>.py``) at the top
of the student's folder, else the definitions of the notebook that defines
the problem's names, converted as the grader converts it
(``gradekit.grading.notebook``: in a child process under limits, magics and
top-level calls dropped). From a notebook only the problem's own functions
and the helpers they use are kept, so that a notebook holding the whole
homework is compared problem by problem.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from gradekit.grading import notebook
from gradekit.grading.batch import student_folders, student_name
from gradekit.grading.problem import Problem
from gradekit.similarity.compare import Solution

MAX_BYTES = 1 << 20  # of one module: past this a solution is cut (tokenizing stays linear and quick)


@dataclass
class ClassSolutions:
    by_problem: dict[str, list[Solution]] = field(default_factory=dict)
    starters: dict[str, str | None] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # what could not be read, for the report
    students: int = 0


def read_class(submissions: Path, problems: list[Problem], references_dir: Path, *,
               exclude: Path | None = None, on_student: Callable[[str], object] | None = None) -> ClassSolutions:
    """Every student folder of ``submissions`` (but ``exclude``, the report's own folder), each problem's source."""
    found = ClassSolutions(by_problem={p.id: [] for p in problems},
                           starters={p.id: starter(p, references_dir) for p in problems})
    folders = student_folders(submissions, exclude if exclude is not None else submissions / ".gradekit-none")
    found.students = len(folders)
    for folder in folders:
        student = student_name(folder)
        lacking = [p for p in problems if not _module_file(folder, p).exists()]
        notebooks = notebook.read_notebooks(folder) if lacking else []
        for problem in problems:
            module = _module_file(folder, problem)
            if module.is_symlink():  # it could point at the marker's own files: never read through it
                found.notes.append(f"{student}: {module.name} is a symbolic link: not read")
                continue
            if module.is_file():
                source, origin = _read(module, found.notes, student), module.name
            else:
                generated = notebook.module_for(notebooks, problem.names)
                if generated is None:
                    continue  # nothing handed in for this problem: nothing to compare
                source = own_definitions(generated, problem.names)
                origin = next((n.notebook for n in notebooks if n.source and n.names & set(problem.names)), "notebook")
            found.by_problem[problem.id].append(Solution(student, problem.id, source, origin))
        if unread := notebook.unreadable(notebooks):
            found.notes.append(f"{student}: {unread}")
        if on_student is not None:
            on_student(student)
    return found


def starter(problem: Problem, references_dir: Path) -> str | None:
    """The starter module the kit gives students for ``problem`` (its code is nobody's own), if one can be made."""
    from gradekit.kit.starter import StarterError, starter_source

    try:
        return starter_source(problem.folder, references_dir / f"{problem.module}.py", problem.names, "")
    except (StarterError, SyntaxError, OSError):
        return None


def own_definitions(source: str, names: tuple[str, ...]) -> str:
    """The top-level definitions of ``names`` and of the helpers they use (transitively), in source order;
    all of ``source`` if it does not parse."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return source
    defined: dict[str, list[ast.stmt]] = {}
    for node in tree.body:
        for name in _bound_names(node):
            defined.setdefault(name, []).append(node)
    wanted, queue = set(), [n for n in names if n in defined]
    while queue:
        name = queue.pop()
        if name in wanted:
            continue
        wanted.add(name)
        for node in defined[name]:
            queue += [n.id for n in ast.walk(node) if isinstance(n, ast.Name) and n.id in defined]
    nodes = sorted({id(n): n for name in wanted for n in defined[name]}.values(), key=lambda n: n.lineno)
    lines = source.splitlines()
    return "\n\n".join("\n".join(lines[_first_line(n) - 1:n.end_lineno]) for n in nodes) + "\n"


def _bound_names(node: ast.stmt) -> list[str]:
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [node.name]
    if isinstance(node, (ast.Assign, ast.AnnAssign)):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        return [n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)]
    return []


def _first_line(node: ast.stmt) -> int:
    decorators: list[ast.expr] = getattr(node, "decorator_list", [])
    return min([node.lineno, *(d.lineno for d in decorators)])


def _module_file(folder: Path, problem: Problem) -> Path:
    return folder / f"{problem.module}.py"


def _read(path: Path, notes: list[str], student: str) -> str:
    with path.open("rb") as handle:
        data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        notes.append(f"{student}: {path.name} is over {MAX_BYTES >> 20} MB: only its first MB is compared")
        data = data[:MAX_BYTES]
    return data.decode("utf-8", errors="replace")
