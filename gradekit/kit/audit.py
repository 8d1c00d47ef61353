"""What must never reach a student: the references, hidden checks, and code that imports them.

Checked on the syntax tree, not by running anything: an import anywhere in a
file (top level or inside a function), or a string naming such a module (for
``importlib.import_module``), counts. The export refuses to write a kit in
which any shipped file fails this audit.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import gradekit

# the references, under both names they import by, and gradekit's own code that answers a problem
# (the exact Fréchet distance is the frechet-distance problem's answer; only hidden checks and
# instructor commands use it)
SECRET_MODULES = ("gradekit.calc", "references", "gradekit.metrics.frechet")
SECRET_SIBLINGS = ("hidden_checks", "variants")  # problem-folder modules that import the references
SECRET_FILES = tuple(f"{name}.py" for name in SECRET_SIBLINGS)
SECRET_FOLDERS = ("tests", "references")  # wrong submissions hold near-answers; references are answers
WHEEL_COURSE = "gradekit/course/bundled/"  # where a wheel built in the checkout carries the whole course


GRADEKIT_DIR = Path(gradekit.__file__).resolve().parent


class KitLeak(Exception):
    """A file bound for the student kit would reveal the references or a hidden check."""


def secret_imports(source: str, filename: str = "<kit file>") -> list[str]:
    """Every import in ``source`` that reaches a reference or a hidden check, with how it gets there.

    Directly (``from gradekit.calc.vae import VAE``, ``from .hidden_checks import ...``, a
    string naming one), or through a gradekit module that does: ``gradekit.models.vae``
    imports ``gradekit.calc``, which a student's install does not have.
    """
    found = []
    for name in _imported_names(ast.parse(source, filename), strings=True):
        if _is_secret(name):
            found.append(name)
        elif _is_gradekit(name) and (route := _route_to_secret(name)):
            found.append(f"{name} (through {' -> '.join(route[1:])})")
    return sorted(set(found))


def reaches_references(module: str) -> bool:
    """Whether the gradekit module ``module`` imports the references, itself or through others."""
    return _is_secret(module) or _route_to_secret(module) is not None


def _imported_names(tree: ast.AST, strings: bool) -> list[str]:
    """Modules an import may load (``from a import b`` may load ``a.b``); relative ones keep their dots."""
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = "." * node.level + (node.module or "")
            separator = "" if module.endswith(".") else "."
            names += [module.rstrip(".") or module] + [f"{module}{separator}{alias.name}" for alias in node.names]
        elif strings and isinstance(node, ast.Constant) and isinstance(node.value, str):
            names.append(node.value)
    return names


def _is_secret(module: str) -> bool:
    parts = module.lstrip(".").split(".")
    dotted = ".".join(parts)
    return (any(dotted == secret or dotted.startswith(secret + ".") for secret in SECRET_MODULES)
            or any(part in SECRET_SIBLINGS for part in parts))


def _is_gradekit(module: str) -> bool:
    return module == "gradekit" or module.startswith("gradekit.")


def _route_to_secret(module: str) -> list[str] | None:
    """The chain of gradekit modules from ``module`` to an import of the references, if there is one."""
    routes = {module: [module]}
    pending = [module]
    while pending:
        current = pending.pop()
        path = _gradekit_file(current)
        if path is None:
            continue
        package = current if path.name == "__init__.py" else current.rpartition(".")[0]
        for name in _imported_names(_parsed(path), strings=False):
            absolute = _absolute(name, package)
            if _is_secret(absolute):
                return routes[current] + [absolute]
            if _is_gradekit(absolute) and absolute not in routes:
                routes[absolute] = routes[current] + [absolute]
                pending.append(absolute)
    return None


def _absolute(name: str, package: str) -> str:
    """``..x`` inside package ``a.b`` is ``a.x``."""
    level = len(name) - len(name.lstrip("."))
    if not level:
        return name
    base = package.split(".")[:len(package.split(".")) - (level - 1)]
    return ".".join(base + ([name.lstrip(".")] if name.lstrip(".") else []))


def _gradekit_file(module: str) -> Path | None:
    stem = GRADEKIT_DIR.parent.joinpath(*module.split("."))
    for candidate in (stem.with_suffix(".py"), stem / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


@functools.cache
def _parsed(path: Path) -> ast.Module:
    return ast.parse(path.read_text(), str(path))


def audit_kit(kit: Path) -> None:
    """Raise ``KitLeak`` naming every secret file or secret import under ``kit``."""
    problems = []
    for path in sorted(kit.rglob("*")):
        relative = path.relative_to(kit)
        if path.is_dir() and path.name in SECRET_FOLDERS:
            problems.append(f"{relative}/: this folder never ships")
        elif path.name in SECRET_FILES:
            problems.append(f"{relative}: this file never ships")
        elif path.suffix == ".py":
            problems += [f"{relative} imports {name}" for name in secret_imports(path.read_text(), str(relative))]
        elif path.suffix == ".ipynb":
            problems += [f"{relative} imports {name}" for name in _notebook_imports(path)]
        elif path.suffix == ".whl":
            problems += [f"{relative}: {why}" for why in wheel_leaks(path)]
    if problems:
        raise KitLeak("the kit would reveal what students must not see:\n  " + "\n  ".join(problems))


def wheel_leaks(path: Path) -> list[str]:
    """What a gradekit wheel bound for the kit holds that must not ship: a bundled course, secret files.

    Its own modules are gradekit's (``gradekit.calc`` is a path to a course's
    references, empty without one), so only names are checked, not imports.
    """
    import zipfile

    found = []
    with zipfile.ZipFile(path) as wheel:
        for name in wheel.namelist():
            parts = name.split("/")
            if name.startswith(WHEEL_COURSE):
                found.append(f"{name}: a bundled course never ships")
            elif not (parts[0] == "gradekit" or parts[0].endswith(".dist-info")):
                found.append(f"{name}: a gradekit wheel holds the package and its metadata only")
            elif parts[-1] == "hidden_checks.py" or any(p in (*SECRET_FOLDERS, "problems") for p in parts[:-1]):
                found.append(f"{name}: this file never ships")
    return found


def audit_wheel(path: Path) -> None:
    leaks = wheel_leaks(path)
    if leaks:
        raise KitLeak(f"the gradekit wheel {path.name} would reveal what students must not see:\n  "
                      + "\n  ".join(leaks))


def _notebook_imports(path: Path) -> list[str]:
    """Every code cell as a student would run it, shell and magic lines aside."""
    from gradekit.grading.notebook import code_cells

    found = []
    for source in code_cells(path):
        python = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith(("%", "!")))
        found += secret_imports(python, str(path))
    return found
