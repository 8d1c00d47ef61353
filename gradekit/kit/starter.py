"""Starter modules: the contract's signatures and docstrings, every body ``raise NotImplementedError``.

Made from the reference with ``ast`` so the starter can never drift from the
contract the checks call: imports, the contract's functions and classes (their
signatures, decorators and docstrings, which state the conventions), and the
module constants those signatures use. Everything else of the reference (its
bodies, private helpers, imports of gradekit) is dropped. A problem folder
may hand-write its own ``starter.py`` instead; it is shipped as it is.
"""

from __future__ import annotations

import ast
from pathlib import Path

HAND_WRITTEN = "starter.py"
FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
DEFINITIONS = (*FUNCTIONS, ast.ClassDef)


class StarterError(Exception):
    """No starter can be made for a problem (no reference module, or it lacks a contract name)."""


def starter_source(folder: Path, reference: Path, names: tuple[str, ...], heading: str) -> str:
    """The starter for the problem in ``folder``: its ``starter.py``, else one derived from ``reference``."""
    hand_written = folder / HAND_WRITTEN
    if hand_written.is_file():
        return hand_written.read_text()
    if not reference.is_file():
        raise StarterError(f"{folder.name}: no {HAND_WRITTEN} in the problem folder and no reference {reference}")
    return stub_module(reference.read_text(), names, heading)


def stub_module(reference_source: str, names: tuple[str, ...], heading: str) -> str:
    """``reference_source`` reduced to the skeleton of ``names``, under a module docstring ``heading``.

    The kept parts are cut from the reference's own lines (not ``ast.unparse``d), so the
    author's formatting of signatures and docstrings reaches the student as written.
    """
    tree = ast.parse(reference_source)
    lines = reference_source.splitlines()
    definitions = [node for node in tree.body if isinstance(node, DEFINITIONS) and node.name in names]
    missing = sorted(set(names) - {node.name for node in definitions})
    if missing:
        raise StarterError(f"the reference defines no function or class {', '.join(missing)}")
    stubs = "\n\n\n".join(_stub(lines, node) for node in definitions)
    used = {n.id for n in ast.walk(ast.parse(stubs)) if isinstance(n, ast.Name)}  # not the bodies' names
    imports = [_cut(lines, node) for node in tree.body
               if isinstance(node, (ast.Import, ast.ImportFrom)) and _is_public_import(node)]
    constants = [_cut(lines, node) for node in tree.body if _assigns_any(node, used)]
    blocks = [_docstring(heading), "\n".join(imports), "\n".join(constants)]
    source = "\n\n".join(b for b in blocks if b) + "\n\n\n" + stubs + "\n"
    ast.parse(source)  # a starter that does not even parse would be the kit's bug, not the student's
    return source


def _docstring(text: str) -> str:
    text = text.strip().replace("\\", "\\\\").replace('"""', '\\"\\"\\"')
    return f'"""{text}\n"""' if "\n" in text else f'"""{text}"""'


def _stub(lines: list[str], node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> str:
    """The definition's header and docstring as written; function bodies become ``raise NotImplementedError``."""
    first = node.body[0]
    docstring_end = first.end_lineno if _is_docstring(first) else None
    if first.lineno == node.lineno:  # `def f(x): return x`: no line of its own to cut at
        raise StarterError(f"{node.name}: put its body on lines of its own, or write a starter.py")
    header = _cut(lines, node, end=docstring_end or first.lineno - 1)
    indent = " " * first.col_offset
    if isinstance(node, ast.ClassDef):
        members = [_stub(lines, item) if isinstance(item, FUNCTIONS) else _cut(lines, item)
                   for item in node.body[1 if docstring_end else 0:]
                   if isinstance(item, (ast.AnnAssign, ast.Assign))
                   or (isinstance(item, FUNCTIONS) and _is_contract_method(item.name))]
        return "\n\n".join([header, *members]) if members else header + ("" if docstring_end else f"\n{indent}pass")
    return f"{header}\n{indent}raise NotImplementedError"


def _cut(lines: list[str], node: ast.stmt, end: int | None = None) -> str:
    """The reference's lines of ``node`` (from its first decorator) up to ``end``, as they are indented."""
    start = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", []))])
    return "\n".join(lines[start - 1:end or node.end_lineno])


def _is_contract_method(name: str) -> bool:
    """Public methods and dunders (``__init__``, ``forward``) are the interface; ``_helpers`` are not."""
    return not name.startswith("_") or (name.startswith("__") and name.endswith("__"))


def _is_docstring(node: ast.stmt) -> bool:
    return isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)


def _is_public_import(node: ast.Import | ast.ImportFrom) -> bool:
    """The student's environment has numpy and torch but no gradekit internals nor sibling modules."""
    if isinstance(node, ast.ImportFrom):
        return node.level == 0 and not _is_gradekit(node.module or "")
    return not any(_is_gradekit(alias.name) for alias in node.names)


def _is_gradekit(module: str) -> bool:
    return module == "gradekit" or module.startswith("gradekit.")


def _assigns_any(node: ast.stmt, names: set[str]) -> bool:
    """A module-level constant that a kept signature uses (a default value, a type alias)."""
    if isinstance(node, ast.Assign):
        return any(isinstance(t, ast.Name) and t.id in names for t in node.targets)
    return isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id in names
