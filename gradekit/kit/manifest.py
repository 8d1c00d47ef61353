"""Which files of a problem folder ship to students, found from what the public checks import.

Shipped: ``public_checks.py``, the sibling modules it imports (transitively:
``from .strategies import images``), and the problem's ``harness`` files (they
run next to the student's module). Never shipped, whatever they import:
``hidden_checks.py``, ``variants.py``, ``tests/``; the statement ships rendered,
not as its template. An allow-list, so a file a TA adds later stays home unless
a public check needs it.
"""

from __future__ import annotations

import ast
from pathlib import Path

from gradekit.grading.problem import CHECK_FILES, Problem
from gradekit.kit.audit import SECRET_FILES, KitLeak, secret_imports


def public_files(problem: Problem) -> list[Path]:
    """The problem's files a student gets, relative to its folder, each audited for secret imports."""
    folder = problem.folder
    public = Path(CHECK_FILES["public"])
    shipped = _with_sibling_imports(folder, [public] if (folder / public).is_file() else [])
    shipped += [Path(name) for name in problem.harness if Path(name) not in shipped]
    secret = [str(relative) for relative in shipped if relative.name in SECRET_FILES]
    if secret:
        raise KitLeak(f"{problem.id}: the public checks need {', '.join(secret)}, which never ships")
    for relative in shipped:
        if relative.suffix == ".py":
            leaks = secret_imports((folder / relative).read_text(), str(folder / relative))
            if leaks:
                raise KitLeak(f"{problem.id}: {relative} ships to students but imports {', '.join(leaks)}; "
                              f"move what the public checks need into a module that does not")
    return shipped


def _with_sibling_imports(folder: Path, roots: list[Path]) -> list[Path]:
    """``roots`` and every module of ``folder`` they import relatively, in the order found."""
    found = list(roots)
    pending = list(roots)
    while pending:
        path = pending.pop()
        for module in _relative_imports((folder / path).read_text(), path):
            target = _module_file(folder, path.parent, module)
            if target is not None and target not in found:
                found.append(target)
                pending.append(target)
    return found


def _relative_imports(source: str, path: Path) -> list[str]:
    """Dotted names, relative to ``path``'s package, of the modules ``from .x import y`` may load.

    ``from . import y`` and ``from .x import y`` might import the submodule ``y``, so both
    ``x`` and ``x.y`` are candidates; the ones that are not files are dropped later.
    """
    names = []
    for node in ast.walk(ast.parse(source, str(path))):
        if isinstance(node, ast.ImportFrom) and node.level:
            if node.level > 1:
                raise KitLeak(f"{path}: 'from {'.' * node.level}...' reaches outside the problem folder")
            base = node.module or ""
            names += [base] if base else []
            names += [f"{base}.{alias.name}".lstrip(".") for alias in node.names]
    return names


def _module_file(folder: Path, package: Path, dotted: str) -> Path | None:
    """``a.b`` as ``a/b.py`` or ``a/b/__init__.py`` under ``package``, if either exists."""
    stem = package / Path(*dotted.split("."))
    for candidate in (stem.with_suffix(".py"), stem / "__init__.py"):
        if (folder / candidate).is_file():
            return candidate
    return None
