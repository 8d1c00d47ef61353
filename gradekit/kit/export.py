"""Build the student kit: a working folder that runs the public checks offline, and nothing secret.

```
kit/
  README.md                    install gradekit, fill in, check, hand in
  <module>.py                  one starter per problem (the folder is the student's submission)
  notebook/assignment.ipynb    the same starters with their statements and a check(...) cell after each,
                               for notebook courses (assignment-numpy.ipynb and assignment-torch.ipynb
                               if both kinds are asked)
  wheels/gradekit-*.whl        the gradekit students install (no course inside: see kit.wheel)
  problems/<id>/
    problem.toml               points = the public checks' points (see kit_problem_toml)
    statement.md, statement.html
    public_checks.py           and the helper modules it imports, and harness files
```

The kit is built in a private temporary folder, audited (``audit.audit_kit``),
and only then copied to its destination or zipped, so a leak found by the audit
never reaches the disk where a kit is expected.
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from gradekit.grading.notebook import defined_names
from gradekit.grading.problem import Problem
from gradekit.kit.audit import audit_kit
from gradekit.kit.manifest import public_files
from gradekit.kit.notebook import NotebookProblem, assignment_notebook, check_call
from gradekit.kit.readme import ReadmeRow, readme
from gradekit.kit.starter import StarterError, starter_source
from gradekit.kit.statement import markdown_to_html, render_statement
from gradekit.tomlfile import loads as toml_loads

CHECK_COMMAND = "gradekit check . --problems-dir problems"
NOTEBOOK_FOLDER = "notebook"
NOTEBOOK_STEM = "assignment"
WHEELS_FOLDER = "wheels"
ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can store: same problems, same bytes


class KitError(Exception):
    """The kit cannot be written as asked (the destination is in use, two problems share a module)."""


@dataclass(frozen=True)
class KitProblem:
    """One problem as the kit ships it."""

    problem: Problem
    statement: str  # Markdown
    starter: str  # Python source of <module>.py
    files: list[Path]  # shipped files of the problem folder, relative to it
    public_points: float


def export_kit(problems: list[Problem], out: Path, *, references_dir: Path | None = None,
               install_command: str | None = None, as_zip: bool = False,
               extra_files: dict[str, str] | None = None, wheel: Path | None = None) -> Path:
    """Write the kit for ``problems`` to the folder ``out`` (or the zip file ``out``); return its path.

    ``extra_files`` (path in the kit -> text) go in too, audited with the rest: the kit's
    ``course.toml`` and its assignment, so that ``gradekit check --assignment`` works in it.
    ``wheel`` is the gradekit wheel the kit carries in ``wheels/`` (default: this gradekit's,
    built without any course: ``kit.wheel``); the README installs it, unless
    ``install_command`` says otherwise.
    """
    if not problems:
        raise KitError("no problems to export")
    if references_dir is None:
        from gradekit.calc import REFERENCES_DIR  # the instructor's checkout; a student's install has none

        if REFERENCES_DIR is None:
            raise KitError("no course references to derive the starters from (export from a course's folder)")
        references_dir = REFERENCES_DIR
    out = Path(out)
    if as_zip:
        out = out if out.suffix == ".zip" else out.with_name(out.name + ".zip")
        if out.exists():
            raise KitError(f"{out} exists; remove it first")
    elif out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise KitError(f"{out} exists and is not an empty folder; remove it first")
    kit_problems = [prepare(p, references_dir) for p in problems]
    _refuse_shared_modules(kit_problems)
    wheel = Path(wheel) if wheel is not None else _student_wheel()
    if not wheel.is_file() or not wheel.name.startswith("gradekit-") or wheel.suffix != ".whl":
        raise KitError(f"{wheel} is not a gradekit wheel file (gradekit-<version>-...whl)")
    install_command = install_command or f"pip install {WHEELS_FOLDER}/{wheel.name}"
    with tempfile.TemporaryDirectory(prefix="gradekit-kit-") as scratch:
        build = Path(scratch) / out.stem
        write_kit(kit_problems, build, install_command)
        (build / WHEELS_FOLDER).mkdir()
        shutil.copyfile(wheel, build / WHEELS_FOLDER / wheel.name)
        for name, text in (extra_files or {}).items():
            (build / name).parent.mkdir(parents=True, exist_ok=True)
            (build / name).write_text(text)
        audit_kit(build)
        if as_zip:
            out.parent.mkdir(parents=True, exist_ok=True)
            _zip(build, out)
        else:
            shutil.copytree(build, out, dirs_exist_ok=True)
    return out


def prepare(problem: Problem, references_dir: Path) -> KitProblem:
    """Render, derive and select everything one problem ships, raising on anything wrong."""
    summary = f"{problem.summary.rstrip('.')}.\n\n" if problem.summary else ""
    heading = f"{problem.title}.\n\n{summary}" + (
        f"Starter from the course kit: replace each `raise NotImplementedError` with your code.\n"
        f"Statement: problems/{problem.id}/statement.md. Check: {CHECK_COMMAND}")
    starter = starter_source(problem.folder, references_dir / f"{problem.module}.py", problem.names, heading)
    missing = sorted(set(problem.names) - defined_names(starter))
    if missing:
        raise StarterError(f"{problem.id}: the starter does not define {', '.join(missing)}")
    return KitProblem(problem=problem, statement=render_statement(problem.folder, problem.statement_context()),
                      starter=starter, files=public_files(problem),
                      public_points=sum(check.points for check in problem.checks("public")))


def write_kit(kit_problems: list[KitProblem], root: Path, install_command: str) -> None:
    for item in kit_problems:
        problem = item.problem
        target = root / "problems" / problem.id
        target.mkdir(parents=True)
        for relative in item.files:
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(problem.folder / relative, target / relative)
        toml = (problem.folder / "problem.toml").read_text()
        (target / "problem.toml").write_text(kit_problem_toml(toml, item.public_points))
        (target / "statement.md").write_text(item.statement.rstrip("\n") + "\n")
        (target / "statement.html").write_text(markdown_to_html(item.statement, problem.title))
        (root / f"{problem.module}.py").write_text(item.starter)
    notebooks = _write_notebooks(kit_problems, root / NOTEBOOK_FOLDER)
    rows = [ReadmeRow(k.problem.id, k.problem.title, k.problem.module, k.public_points, k.problem.points)
            for k in kit_problems]
    (root / "README.md").write_text(readme(rows, install_command=install_command, check_command=CHECK_COMMAND,
                                           notebooks=[path.relative_to(root).as_posix() for path in notebooks]))


def _write_notebooks(kit_problems: list[KitProblem], folder: Path) -> list[Path]:
    """The assignment's notebook; one per kind of problem when numpy and torch problems are mixed.

    The grader builds a problem's module from every definition of the notebook,
    imports included, and runs it under that problem's memory limit: a notebook
    that imports torch makes the numpy-only problems (2 GB) fail to import. A
    notebook per ``preload`` keeps each gradable; the grader picks, per
    problem, the notebook of the folder that defines its names.
    """
    groups: dict[tuple[str, ...], list[KitProblem]] = {}
    for item in kit_problems:
        groups.setdefault(item.problem.preload, []).append(item)
    folder.mkdir()
    paths = []
    for preload, members in groups.items():
        path = folder / (f"{NOTEBOOK_STEM}.ipynb" if len(groups) == 1 else f"{NOTEBOOK_STEM}-{preload[-1]}.ipynb")
        everything = len(groups) == 1  # check() checks the kit's assignment: here, this notebook's problems
        notebook = assignment_notebook([NotebookProblem(k.problem.id, k.statement, k.starter) for k in members],
                                       introduction=_notebook_introduction(members),
                                       final_check=check_call(None if everything else
                                                              [k.problem.id for k in members]))
        path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n")
        paths.append(path)
    return paths


def kit_problem_toml(toml: str, public_points: float) -> str:
    """``problem.toml`` with ``points`` = the public checks' points.

    In the kit the public checks are all the checks there are, so this keeps
    ``gradekit list`` and the points-add-up rule true there; the line's comment
    gives the problem's whole weight, which the README shows too.
    """
    original = toml_loads(toml)
    first_table = re.search(r"(?m)^\[", toml)  # `points` must be a key of the top-level table
    head, tables = (toml[:first_table.start()], toml[first_table.start():]) if first_table else (toml, "")
    pattern = re.compile(r"(?m)^points\s*=.*$")
    line = f"points = {public_points:g}  # public checks; with the hidden checks it is {original['points']:g}"
    rewritten = pattern.sub(line, head, count=1) + tables
    if len(pattern.findall(head)) != 1 or toml_loads(rewritten) != {**original, "points": public_points}:
        raise KitError("problem.toml: expected one top-level 'points = ...' line, at the start of a line")
    return rewritten


def kit_assignment_toml(toml: str, shares: dict[str, float]) -> str:
    """An assignment file for the kit: each problem given its points explicitly (``{id = "maxout", points = 2}``)
    is worth its public checks' share of them there (2 x 4 / 10 = 0.8), as the kit's problem.toml says
    ``points`` = the public checks' points: a check then weighs in the kit's ``check --assignment`` what it
    weighs in the instructor's grade. ``shares``: problem id -> public points / all its points. Problems
    listed by id alone already take the kit's problem.toml points."""
    original = toml_loads(toml)
    expected = {}
    rewritten = toml
    for entry in original.get("problems", []):
        if not isinstance(entry, dict) or "points" not in entry or entry.get("id") not in shares:
            continue
        points = round(float(entry["points"]) * shares[entry["id"]], 9)
        pattern = re.compile(r'(\{\s*id\s*=\s*"' + re.escape(entry["id"]) + r'"\s*,\s*points\s*=\s*)[^,}\s]+')
        rewritten, count = pattern.subn(rf"\g<1>{points:g}", rewritten)  # group 1, then the new points
        if count != 1:
            raise KitError(f"assignment: expected one {{id = \"{entry['id']}\", points = ...}} entry, "
                           "written on one line")
        expected[entry["id"]] = points
    written = {e["id"]: e.get("points") for e in toml_loads(rewritten).get("problems", []) if isinstance(e, dict)}
    if any(not isinstance(got := written.get(key), (int, float)) or abs(got - value) > 1e-9
           for key, value in expected.items()):
        raise KitError("assignment: its points could not be rewritten to the public checks' share")
    note = "# In this kit each problem is worth its public checks' share of its points in the assignment.\n"
    return note + rewritten if expected else rewritten


def _notebook_introduction(members: list[KitProblem]) -> str:
    titles = "\n".join(f"- {k.problem.title} (`{k.problem.module}`)" for k in members)
    return (f"# Assignment\n\n{titles}\n\nFill in each starter cell: replace every `raise NotImplementedError` "
            f"with your code and keep the names and signatures. Run the `check(...)` cell below a starter to "
            f"run that problem's public checks on the code this notebook has run so far: they run in the same "
            f"sandbox as `gradekit check`, and show each check passed or failed, the smallest input it failed "
            f"on, and the points. The grader reads the functions and classes the notebook defines.")


def _student_wheel() -> Path:
    from gradekit.kit.wheel import WheelError, student_wheel

    try:
        return student_wheel()
    except WheelError as error:
        raise KitError(str(error)) from None


def _refuse_shared_modules(kit_problems: list[KitProblem]) -> None:
    seen: dict[str, str] = {}
    for item in kit_problems:
        other = seen.setdefault(item.problem.module, item.problem.id)
        if other != item.problem.id:
            raise KitError(f"{other} and {item.problem.id} both want {item.problem.module}.py; export them apart")


def _zip(folder: Path, path: Path) -> None:
    """A zip whose single top-level folder is ``folder``'s name, byte-identical for identical kits."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for file in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{folder.name}/{file.relative_to(folder).as_posix()}", ZIP_TIMESTAMP)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, file.read_bytes())
