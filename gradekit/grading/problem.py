"""Problems are folders: discovery, ``problem.toml`` read once into typed config, and loading their checks.

A folder under ``problems/`` holding a ``problem.toml`` is a problem; its id is
the folder's name. Public checks live in ``public_checks.py`` (they ship to
students), hidden checks in ``hidden_checks.py`` (they never leave the
instructor's machine). Both are loaded as modules of a package named after the
problem, so a folder may hold helpers they share (``from .strategies import ...``).

``problem.toml`` is read here and nowhere else. Its tables become frozen
dataclasses: ``[limits]`` a ``Limits``, ``[training]`` a ``Training``, each
``[metrics]`` key a ``Threshold``; ``[statement]`` holds values only the
statement shows. A table of the problem's own (``[schedule]``, ``[queries]``)
is read with ``problem.table(name)``. A key nobody reads is a mistake and
raises ``ProblemError`` naming the file. A module of the problem's folder gets
its problem with ``problem_here(__file__)``.
"""

from __future__ import annotations

import difflib
import functools
import importlib.util
import math
import sys
import types
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from gradekit.course.references import use_references_beside
from gradekit.grading.attachments import record_measurement
from gradekit.grading.limits import Limits
from gradekit.tomlfile import TOMLDecodeError, read_toml

if TYPE_CHECKING:  # the checks (hypothesis, numpy) load only when a problem's checks do: `gradekit list` needs neither
    from gradekit.grading.checks import CheckSpec

Visibility = Literal["public", "hidden"]
Direction = Literal["max", "min"]
CHECK_FILES: dict[Visibility, str] = {"public": "public_checks.py", "hidden": "hidden_checks.py"}
SECTIONS = ("calculations", "models")
TOP_LEVEL_KEYS = ("title", "summary", "section", "points", "module", "names", "preload", "max_examples",
                  "harness")
TYPED_TABLES = ("limits", "training", "metrics", "statement")
_KIND_NAMES = {int: "an integer", float: "a number", str: "a string", list: "a list"}


_CHECKS: dict[Path, list[CheckSpec]] = {}  # loaded once per process: settings apply once


class ProblemError(Exception):
    """A problem folder that cannot be used as it is (a TA's mistake, reported clearly)."""


# ---------------------------------------------------------------- typed tables


class Table(Mapping[str, Any]):
    """A read-only TOML table (a mapping proxy would not pickle, and problems travel to helper processes)."""

    __slots__ = ("_items",)

    def __init__(self, items: Mapping[str, Any] | Iterable[tuple[str, Any]] = ()):
        self._items = dict(items)

    def __getitem__(self, key: str) -> Any:
        return self._items[key]

    def __iter__(self):
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __repr__(self) -> str:
        return f"Table({self._items!r})"


@dataclass(frozen=True)
class Training:
    """``[training]``: what the grader's harness does with the student's model.

    The settings every model problem has are fields; the problem's own (``latent_dim``,
    ``noise_dim``, ``betas``) are in ``extra`` and read as attributes too:
    ``training.latent_dim``, ``training["latent_dim"]``. Lists arrive as tuples.
    """

    steps: int  # a fixed number: the grade never depends on machine load (decision 6)
    batch_size: int
    learning_rate: float
    seed: int  # the training seed (reference runs vary it)
    data_seed: int = 0  # the data split's seed
    runaway_seconds: float | None = None  # CPU seconds; stops only runaway code (>= 3x the slowest sound design)
    seconds: float | None = None  # the older name of that guard; either must stay below [limits] call_seconds
    data: str = ""  # the data in words, for the statement
    extra: Mapping[str, Any] = field(default_factory=Table, compare=False, hash=False)

    def __getattr__(self, name: str) -> Any:
        extra = self.__dict__.get("extra", {})
        if name in extra:
            return extra[name]
        raise AttributeError(f"[training] has no setting {name!r}")

    def __getitem__(self, name: str) -> Any:
        if name in self.extra:
            return self.extra[name]
        if name in _TRAINING_FIELDS and getattr(self, name) is not None:
            return getattr(self, name)
        raise KeyError(f"[training] has no setting {name!r}")

    def __contains__(self, name: str) -> bool:
        try:
            self[name]
        except KeyError:
            return False
        return True

    def as_kwargs(self, *names: str, **overrides: Any) -> dict[str, Any]:
        """Keyword arguments for a harness call: every setting but ``data`` (or only ``names``), plain
        lists instead of tuples, with ``overrides`` replacing values (``seed=seed`` in reference runs).

            student.harness("harness:train", rows, **problem.training.as_kwargs())
        """
        settings = {name: getattr(self, name) for name in _TRAINING_FIELDS
                    if name != "data" and getattr(self, name) is not None}
        settings.update(self.extra)
        unknown = sorted((set(names) | set(overrides)) - set(settings))
        if unknown:
            raise KeyError(f"[training] has no setting {', '.join(map(repr, unknown))}")
        settings.update(overrides)
        chosen = list(dict.fromkeys([*names, *overrides])) if names else list(settings)
        return {name: _thawed(settings[name]) for name in chosen}


_TRAINING_FIELDS = tuple(f.name for f in fields(Training) if f.name != "extra")


@dataclass(frozen=True)
class Threshold:
    """One ``[metrics]`` key: ``fid_max = 3000`` is ``Threshold("fid", 3000.0, "max")``, "at most 3000".

    ``passes`` is never true for NaN or infinity: a model whose metric cannot be
    computed has not cleared the bar.
    """

    name: str  # the metric, as ``metrics.measure`` names it
    limit: float
    direction: Direction  # "max": the metric must be at most the limit; "min": at least

    @property
    def key(self) -> str:
        return f"{self.name}_{self.direction}"

    @property
    def bound(self) -> str:
        """``"at most 3000"`` or ``"at least 0.8"``."""
        return f"{'at most' if self.direction == 'max' else 'at least'} {self.limit:g}"

    def passes(self, value: float) -> bool:
        value = float(value)
        if not math.isfinite(value):
            return False
        return value <= self.limit if self.direction == "max" else value >= self.limit

    def note(self, value: float, label: str | None = None, *, unit: str = "", digits: int = 4) -> str:
        """``"FID 935.7, at most 3000"``: the measured value and the bound, for a check's note."""
        return f"{self._measured(value, label, unit, digits)}, {self.bound}"

    def judge(self, value: float, label: str | None = None, *, unit: str = "", digits: int = 4,
              after: str = "") -> str:
        """The note when ``value`` passes; ``CheckFailed`` saying what was measured otherwise.

        ``after`` (``"after 600 training steps"``) joins both, so a passing metric check
        says how much training it rests on (decision 6).
        """
        record_measurement(self.name, float(value), self.direction)  # for a leaderboard, pass or fail
        measured = self._measured(value, label, unit, digits) + (f" {after}" if after else "")
        if not self.passes(value):
            from gradekit.grading.checks import CheckFailed

            raise CheckFailed(f"{measured}; it should be {self.bound}")
        return f"{measured}, {self.bound}"

    def _measured(self, value: float, label: str | None, unit: str, digits: int) -> str:
        return f"{label or self.name.replace('_', ' ')} {float(value):.{digits}g}" + (f" {unit}" if unit else "")


# ---------------------------------------------------------------- the problem


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
    training: Training | None = None  # [training]: model problems only
    thresholds: Mapping[str, Threshold] = field(default_factory=Table, compare=False, hash=False)  # by metric
    tables: Mapping[str, Mapping[str, Any]] = field(default_factory=Table, compare=False, hash=False)
    config: Mapping[str, Any] = field(default_factory=Table, compare=False, hash=False, repr=False)

    @property
    def package_name(self) -> str:
        return "gradekit_problems." + self.id.replace("-", "_")

    @property
    def toml_path(self) -> Path:
        return self.folder / "problem.toml"

    def table(self, name: str) -> Mapping[str, Any]:
        """A table of the problem's own (``[schedule]``, ``[queries]``, ``[statement]``), read-only."""
        if name not in self.tables:
            raise ProblemError(f"{self.toml_path}: no [{name}] table (tables: {', '.join(self.tables) or 'none'})")
        return self.tables[name]

    def threshold(self, name: str) -> Threshold:
        """The ``[metrics]`` threshold of metric ``name`` (``"fid"`` for ``fid_max``)."""
        if name not in self.thresholds:
            raise ProblemError(f"{self.toml_path}: [metrics] has no threshold for {name!r} "
                               f"(it has {', '.join(t.key for t in self.thresholds.values()) or 'none'})")
        return self.thresholds[name]

    def statement_context(self) -> dict[str, Any]:
        """What ``statement.md.j2`` sees: ``problem.toml``'s keys and tables, with ``[statement]``'s
        values at the top level (``{{ example_image }}``); plain dicts and lists, a fresh copy."""
        context = {key: _thawed(value) for key, value in self.config.items() if key != "statement"}
        context.update(_thawed(self.config.get("statement", {})))
        return context

    def checks(self, visibility: Visibility) -> list[CheckSpec]:
        """The problem's checks of one visibility, in the order they are written."""
        path = self.folder / CHECK_FILES[visibility]
        if not path.exists():
            return []
        if path not in _CHECKS:
            from gradekit.grading.checks import collect_checks

            _CHECKS[path] = collect_checks(load_module(self, path), visibility, self.max_examples)
        return list(_CHECKS[path])

    def all_checks(self, include_hidden: bool = True) -> list[CheckSpec]:
        checks = self.checks("public")
        if include_hidden:
            checks += self.checks("hidden")
        return checks


def default_problems_dir() -> Path:
    """``$GRADEKIT_PROBLEMS``, else ``./problems`` (a student kit), else the course's (``gradekit.course``)."""
    from gradekit.course.course import CourseError, resolve_course, resolve_problems_dir

    try:
        return resolve_problems_dir(resolve_course())
    except CourseError as error:
        raise ProblemError(str(error)) from None


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


def problem_here(file: str | Path) -> Problem:
    """The problem whose folder holds ``file``, read once per process.

    For the problem's own modules, instead of reading ``problem.toml`` themselves:

        from gradekit.grading.problem import problem_here
        PROBLEM = problem_here(__file__)
        TRAINING = PROBLEM.training
    """
    folder = Path(file).resolve().parent
    while not (folder / "problem.toml").is_file():
        if folder.parent == folder:
            raise ProblemError(f"{file} is not inside a problem folder (no problem.toml above it)")
        folder = folder.parent
    return _problem_at(folder)


@functools.cache
def _problem_at(folder: Path) -> Problem:
    return load_problem(folder)


def load_problem(folder: Path) -> Problem:
    """Read ``folder/problem.toml`` into a ``Problem``; ``ProblemError`` names the file and the key at fault."""
    folder = Path(folder)
    path = folder / "problem.toml"
    try:
        config = read_toml(path)
    except TOMLDecodeError as error:
        raise ProblemError(f"{path}: {error}") from None
    except OSError as error:
        raise ProblemError(f"{path}: cannot be read ({error.strerror})") from None
    return _Reader(path).problem(folder, config)


class _Reader:
    """Turns a parsed ``problem.toml`` into typed values, each mistake a ``ProblemError`` naming the file."""

    def __init__(self, path: Path):
        self.path = path

    def fail(self, why: str) -> ProblemError:
        return ProblemError(f"{self.path}: {why}")

    def problem(self, folder: Path, config: dict[str, Any]) -> Problem:
        self.check_keys(config)
        missing = [key for key in ("title", "points", "module", "names") if key not in config]
        if missing:
            raise self.fail(f"missing {', '.join(missing)}")
        section = self.typed(config, "section", str, "calculations")
        if section not in SECTIONS:
            raise self.fail(f"section is {section!r}; it must be one of {', '.join(SECTIONS)}")
        points = float(self.typed(config, "points", (int, float)))
        if points < 0:
            raise self.fail(f"points must not be negative, not {points:g}")
        module = self.typed(config, "module", str)
        if not module.isidentifier():
            raise self.fail(f"module {module!r} is not a Python module name (no .py, no dashes)")
        names = self.strings(config, "names")
        if not names:
            raise self.fail("names is empty: list the functions and classes the student writes")
        max_examples = self.typed(config, "max_examples", int, 60)
        if max_examples < 1:
            raise self.fail(f"max_examples must be at least 1, not {max_examples}")
        harness = self.strings(config, "harness", ())
        absent = [name for name in harness if not (folder / name).is_file()]
        if absent:
            raise self.fail(f"harness lists {', '.join(absent)}, not in {folder}")
        limits = self.limits(config.get("limits", {}))
        training = self.training(config["training"]) if "training" in config else None
        for guard in ("runaway_seconds", "seconds"):
            seconds = getattr(training, guard, None)
            if seconds is not None and not seconds < limits.call_seconds:
                raise self.fail(f"[training] {guard} = {seconds:g} must be below [limits] call_seconds = "
                                f"{limits.call_seconds:g}: the training call must return within one call's limit")
        tables = {name: _frozen(value) for name, value in config.items()
                  if isinstance(value, dict) and name not in ("limits", "training", "metrics")}
        return Problem(
            id=folder.name, title=self.typed(config, "title", str), points=points, module=module,
            names=names, folder=folder.resolve(), limits=limits,
            preload=self.strings(config, "preload", ("numpy",)), max_examples=max_examples,
            section=section, summary=self.typed(config, "summary", str, ""), harness=harness,
            training=training, thresholds=self.thresholds(config.get("metrics", {})),
            tables=Table(tables), config=_frozen(config))

    def check_keys(self, config: dict[str, Any]) -> None:
        """Unknown top-level values are typos; a table of the problem's own is fine unless its name
        looks like a misspelt known one (``[limit]``)."""
        for key, value in config.items():
            if isinstance(value, dict):
                close = difflib.get_close_matches(key, TYPED_TABLES, n=1, cutoff=0.75)
                if key not in TYPED_TABLES and close:
                    raise self.fail(f"unknown table [{key}]; did you mean [{close[0]}]?")
            elif key not in TOP_LEVEL_KEYS:
                close = difflib.get_close_matches(key, TOP_LEVEL_KEYS, n=1, cutoff=0.75)
                hint = (f"did you mean {close[0]!r}?" if close else
                        "a value only the statement shows goes in a [statement] table")
                raise self.fail(f"unknown key {key!r}; {hint}")
        if "statement" in config:
            shadowed = sorted(set(config["statement"]) & set(config))
            if shadowed:
                raise self.fail(f"[statement] redefines {', '.join(shadowed)}, which the statement already sees")

    def typed(self, table: dict[str, Any], key: str, kind, default: Any = ..., where: str = "") -> Any:
        if key not in table:
            if default is ...:
                raise self.fail(f"{where}missing {key}")
            return default
        value = table[key]
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if isinstance(value, bool) and bool not in kinds or not isinstance(value, kinds):
            wanted = " or ".join(_KIND_NAMES.get(k, k.__name__) for k in kinds)
            raise self.fail(f"{where}{key} should be {wanted}, not {value!r}")
        return value

    def strings(self, table: dict[str, Any], key: str, default: Any = ...) -> tuple[str, ...]:
        value = self.typed(table, key, list, default)
        if not all(isinstance(item, str) for item in value):
            raise self.fail(f"{key} should be a list of strings, not {value!r}")
        return tuple(value)

    def limits(self, table: dict[str, Any]) -> Limits:
        known = {f.name: f for f in fields(Limits)}
        unknown = sorted(set(table) - set(known))
        if unknown:
            raise self.fail(f"unknown limits {unknown} (known: {', '.join(known)})")
        for key in table:
            kind = (int, float) if known[key].type in ("float", float) else int
            if self.typed(table, key, kind, where="[limits] ") <= 0:
                raise self.fail(f"[limits] {key} must be positive, not {table[key]!r}")
        limits = Limits().replace(**table)
        if limits.call_seconds > limits.wall_seconds:
            raise self.fail(f"[limits] call_seconds = {limits.call_seconds:g} exceeds wall_seconds = "
                            f"{limits.wall_seconds:g}, the whole problem's budget")
        return limits

    def training(self, table: dict[str, Any]) -> Training:
        kinds = {"steps": int, "batch_size": int, "learning_rate": (int, float), "seed": int, "data_seed": int,
                 "runaway_seconds": (int, float), "seconds": (int, float), "data": str}
        required = ("steps", "batch_size", "learning_rate", "seed")  # the others default to None
        values = {key: self.typed(table, key, kind, ... if key in required else None, where="[training] ")
                  for key, kind in kinds.items()}
        values = {key: value for key, value in values.items() if value is not None}
        for key in ("steps", "batch_size"):
            if values[key] < 1:
                raise self.fail(f"[training] {key} must be at least 1, not {values[key]}")
        extra = {key: _frozen(value) for key, value in table.items() if key not in kinds}
        clashing = sorted(set(extra) & set(dir(Training)))
        if clashing:
            raise self.fail(f"[training] {', '.join(clashing)} would hide a method of the settings; rename it")
        return Training(**values, extra=Table(extra))

    def thresholds(self, table: dict[str, Any]) -> Mapping[str, Threshold]:
        found: dict[str, Threshold] = {}
        for key in table:
            name, _, direction = key.rpartition("_")
            if direction not in ("max", "min") or not name:
                raise self.fail(f"[metrics] {key}: a threshold is named <metric>_max (at most) or "
                                f"<metric>_min (at least)")
            limit = float(self.typed(table, key, (int, float), where="[metrics] "))
            if not math.isfinite(limit):
                raise self.fail(f"[metrics] {key} = {limit} is not a finite number")
            if name in found:
                raise self.fail(f"[metrics] {name} has both {found[name].key} and {key}; keep one bound per metric")
            found[name] = Threshold(name, limit, direction)  # type: ignore[arg-type]
        return Table(found)


def _frozen(value: Any) -> Any:
    """TOML values made read-only: tables as mapping proxies, arrays as tuples."""
    if isinstance(value, dict):
        return Table({key: _frozen(item) for key, item in value.items()})
    if isinstance(value, list):
        return tuple(_frozen(item) for item in value)
    return value


def _thawed(value: Any) -> Any:
    """Plain dicts and lists again, for a harness call over the wire or a Jinja template."""
    if isinstance(value, Mapping):
        return {key: _thawed(item) for key, item in value.items()}
    if isinstance(value, tuple):
        return [_thawed(item) for item in value]
    return value


def validate(problem: Problem) -> None:
    """The checks' points must add up to the points ``problem.toml`` promises."""
    total = sum(c.points for c in problem.all_checks())
    if abs(total - problem.points) > 1e-9:
        raise ProblemError(f"{problem.id}: checks add up to {total} points, problem.toml says {problem.points}")


def load_module(problem: Problem, path: Path) -> types.ModuleType:
    """Load a file of the problem folder as a module of the problem's package (relative imports work).

    The references beside the problem's course are ``gradekit.calc`` while it loads (a course's own).
    """
    use_references_beside(problem.folder)
    _ensure_package("gradekit_problems", None)
    _ensure_package(problem.package_name, problem.folder)
    name = f"{problem.package_name}.{path.stem}"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    if spec is None or spec.loader is None:  # not a Python source file
        raise ProblemError(f"{path}: cannot be loaded as a Python module")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except Exception:
        del sys.modules[name]
        raise
    return module


def _ensure_package(name: str, folder: Path | None) -> None:
    known = sys.modules.get(name)
    if known is not None and folder is not None and list(known.__path__) != [str(folder)]:
        for module in [m for m in sys.modules if m == name or m.startswith(name + ".")]:
            del sys.modules[module]  # the same id in another course: its modules are not this one's
    if name not in sys.modules:
        package = types.ModuleType(name)
        package.__path__ = [str(folder)] if folder else []
        sys.modules[name] = package
