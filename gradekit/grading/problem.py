"""Problems are folders: discovery, ``problem.toml``, and loading their checks.

A folder under ``problems/`` holding a ``problem.toml`` is a problem; its id is
the folder's name. Public checks live in ``public_checks.py`` (they ship to
students), hidden checks in ``hidden_checks.py`` (they never leave the
instructor's machine). Both are loaded as modules of a package named after the
problem, so a folder may hold helpers they share (``from .strategies import ...``).
"""

from __future__ import annotations

import importlib.util
import os
import sys
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

try:
    import tomllib
except ImportError:  # Python 3.10
    import tomli as tomllib

from gradekit.grading.checks import CheckSpec, collect_checks
from gradekit.grading.sandbox import Limits

Visibility = Literal["public", "hidden"]
CHECK_FILES: dict[Visibility, str] = {"public": "public_checks.py", "hidden": "hidden_checks.py"}


_CHECKS: dict[Path, list[CheckSpec]] = {}  # loaded once per process: settings apply once


class ProblemError(Exception):
    """A problem folder that cannot be used as it is (a TA's mistake, reported clearly)."""


@dataclass(frozen=True)
class Problem:
    id: str
    title: str
    points: float
    module: str  # the module the student writes, without ".py"
    names: tuple[str, ...]  # the names that module must define
    folder: Path
    limits: Limits = field(default_factory=Limits)
    preload: tuple[str, ...] = ("numpy",)  # imported before the submission joins sys.path
    max_examples: int = 60  # hypothesis examples per property check
    section: str = "calculations"
    summary: str = ""
    harness: tuple[str, ...] = ()  # files of the folder that run inside the sandbox (not secret)

    @property
    def package_name(self) -> str:
        return "gradekit_problems." + self.id.replace("-", "_")

    def checks(self, visibility: Visibility) -> list[CheckSpec]:
        """The problem's checks of one visibility, in the order they are written."""
        path = self.folder / CHECK_FILES[visibility]
        if not path.exists():
            return []
        if path not in _CHECKS:
            _CHECKS[path] = collect_checks(load_module(self, path), visibility, self.max_examples)
        return list(_CHECKS[path])

    def all_checks(self, include_hidden: bool = True) -> list[CheckSpec]:
        checks = self.checks("public")
        if include_hidden:
            checks += self.checks("hidden")
        return checks


def default_problems_dir() -> Path:
    """``$GRADEKIT_PROBLEMS``, else ``./problems`` (a student kit), else the checkout's ``problems/``."""
    if os.environ.get("GRADEKIT_PROBLEMS"):
        return Path(os.environ["GRADEKIT_PROBLEMS"])
    here = Path.cwd() / "problems"
    if here.is_dir():
        return here
    return Path(__file__).resolve().parents[2] / "problems"


def discover(problems_dir: Path | None = None) -> list[Problem]:
    """Every problem folder under ``problems_dir``, sorted by id."""
    root = Path(problems_dir) if problems_dir else default_problems_dir()
    if not root.is_dir():
        raise ProblemError(f"no problems folder at {root} (set --problems-dir or $GRADEKIT_PROBLEMS)")
    return [load_problem(folder) for folder in sorted(root.iterdir())
            if (folder / "problem.toml").is_file()]


def select(problems: list[Problem], ids: list[str] | None) -> list[Problem]:
    if not ids:
        return problems
    known = {p.id: p for p in problems}
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise ProblemError(f"unknown problem(s) {', '.join(unknown)}; known: {', '.join(known)}")
    return [known[i] for i in ids]


def load_problem(folder: Path) -> Problem:
    path = folder / "problem.toml"
    try:
        config = tomllib.loads(path.read_text())
    except tomllib.TOMLDecodeError as error:
        raise ProblemError(f"{path}: {error}") from None
    missing = [key for key in ("title", "points", "module", "names") if key not in config]
    if missing:
        raise ProblemError(f"{path}: missing {', '.join(missing)}")
    limits_table = config.get("limits", {})
    unknown = set(limits_table) - set(Limits.__dataclass_fields__)
    if unknown:
        raise ProblemError(f"{path}: unknown limits {sorted(unknown)}")
    return Problem(
        id=folder.name,
        title=config["title"],
        points=float(config["points"]),
        module=config["module"],
        names=tuple(config["names"]),
        folder=folder.resolve(),
        limits=Limits().replace(**limits_table),
        preload=tuple(config.get("preload", ["numpy"])),
        max_examples=int(config.get("max_examples", 60)),
        section=config.get("section", "calculations"),
        summary=config.get("summary", ""),
        harness=tuple(config.get("harness", [])),
    )


def validate(problem: Problem) -> None:
    """The checks' points must add up to the points ``problem.toml`` promises."""
    total = sum(c.points for c in problem.all_checks())
    if abs(total - problem.points) > 1e-9:
        raise ProblemError(f"{problem.id}: checks add up to {total} points, problem.toml says {problem.points}")


def load_module(problem: Problem, path: Path) -> types.ModuleType:
    """Load a file of the problem folder as a module of the problem's package (relative imports work)."""
    _ensure_package("gradekit_problems", None)
    _ensure_package(problem.package_name, problem.folder)
    name = f"{problem.package_name}.{path.stem}"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except Exception:
        del sys.modules[name]
        raise
    return module


def _ensure_package(name: str, folder: Path | None) -> None:
    if name not in sys.modules:
        package = types.ModuleType(name)
        package.__path__ = [str(folder)] if folder else []
        sys.modules[name] = package
