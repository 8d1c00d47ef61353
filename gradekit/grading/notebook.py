"""Notebook submissions: the definitions of a ``.ipynb`` as a plain module.

Only what defines things is kept: imports, functions, classes and top-level
assignments. Magics (``%``, ``%%``), shell lines (``!``) and bare expressions
or loops at the top level (``train(model)``, ``plt.show()``) are skipped, so a
notebook that trains for an hour still imports in a second.

A notebook is the student's bytes, and Python's JSON and ``ast`` modules can be
made to recurse, allocate or compute without bound by them (a list nested
200,000 deep, one expression of 3,000 terms, megabytes of source). So the
grader never parses one itself: ``read_notebooks`` reads all the notebooks of a
submission at once, in a child process under CPU, memory and wall-clock limits
(``NotebookLimits``); what it cannot read becomes a note on the notebook, never
an exception of the grader.
"""

from __future__ import annotations

import ast
import json
import os
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

KEPT = (ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef,
        ast.Assign, ast.AnnAssign)


@dataclass(frozen=True)
class NotebookLimits:
    """What reading one submission's notebooks may cost (docs/security.md, "Bounded cost")."""

    notebook_bytes: int = 20 * 2**20  # one notebook; outputs (plots) are most of a large one
    notebooks: int = 20  # at the top of the submission folder
    seconds: float = 60.0  # all of them, in one child process (wall clock; CPU time too)
    memory_mb: int = 2048  # the child's address space (Python and json alone use ~30 MB)


LIMITS = NotebookLimits()


@dataclass(frozen=True)
class NotebookModule:
    """One notebook read: its definitions as a module's source, or why it could not be read."""

    notebook: str  # the file's name
    source: str | None
    names: frozenset[str] = frozenset()
    problem: str = ""  # why ``source`` is None


# ---------------------------------------------------------------- reading one notebook (in the child)


def code_cells(path: Path) -> list[str]:
    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return []
    cells = notebook.get("cells", []) if isinstance(notebook, dict) else []
    cells = cells if isinstance(cells, list) else []
    sources = []
    for cell in cells:
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        if isinstance(source, list):
            source = "".join(line for line in source if isinstance(line, str))
        sources.append(source if isinstance(source, str) else "")
    return sources


def _without_magics(source: str) -> str:
    if source.lstrip().startswith("%%"):
        return ""
    lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
    return "\n".join(lines)


def _cell_definitions(number: int, source: str) -> tuple[str, set[str]]:
    """One cell's definitions as source, and the names they define; a cell that cannot be read is a note."""
    try:
        tree = ast.parse(_without_magics(source))
        body: list[ast.stmt] = [node for node in tree.body if isinstance(node, KEPT)]
        text = ast.unparse(ast.Module(body=body, type_ignores=[])) if body else ""
    except SyntaxError as error:
        return f"# cell {number} skipped: it does not parse ({error.msg}, line {error.lineno})", set()
    except RecursionError:
        return f"# cell {number} skipped: it nests too deeply to be read", set()
    except (ValueError, MemoryError) as error:  # null bytes; a cell too large
        return f"# cell {number} skipped: it could not be read ({type(error).__name__})", set()
    return (f"# cell {number}\n{text}" if text else ""), _names_of(body)


def _names_of(body: list[ast.stmt]) -> set[str]:
    names: set[str] = set()
    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names


def definitions(path: Path) -> str:
    """The notebook's definitions as the source of one module (in this process: trusted notebooks only)."""
    return _read(path)[0]


def _read(path: Path) -> tuple[str, set[str]]:
    kept, names = [], set()
    for number, source in enumerate(code_cells(path), start=1):
        text, defined = _cell_definitions(number, source)
        if text:
            kept.append(text)
        names |= defined
    return "\n\n".join(kept) + "\n", names


def defined_names(source: str) -> set[str]:
    return _names_of(ast.parse(source).body)


def _child(paths: list[str]) -> None:
    """Read each notebook, printing one JSON line per notebook as soon as it is read."""
    for path in paths:
        try:
            source, names = _read(Path(path))
            line = {"source": source, "names": sorted(names)}
        except RecursionError:
            line = {"problem": "its JSON nests too deeply to be read"}
        except MemoryError:
            line = {"problem": "reading it needed too much memory"}
        except Exception as error:  # noqa: BLE001  (whatever the bytes do, the notebook is just unreadable)
            line = {"problem": f"it could not be read ({type(error).__name__})"}
        sys.stdout.write(json.dumps(line) + "\n")
        sys.stdout.flush()


# ---------------------------------------------------------------- the grader's side


def read_notebooks(folder: Path, limits: NotebookLimits = LIMITS) -> list[NotebookModule]:
    """Every notebook at the top of ``folder``, read once, in a child process under ``limits``."""
    found = sorted(p for p in folder.glob("*.ipynb") if p.is_file() and not p.is_symlink())
    read: list[NotebookModule] = []
    pending: list[Path] = []
    for index, path in enumerate(found):
        if index >= limits.notebooks:
            read.append(NotebookModule(path.name, None, problem=f"only the first {limits.notebooks} notebooks "
                                                                "are read"))
        elif path.stat().st_size > limits.notebook_bytes:
            read.append(NotebookModule(path.name, None, problem=f"it is over {limits.notebook_bytes // 2**20} MB "
                                                                "(clear its outputs)"))
        else:
            pending.append(path)
    return sorted(read + _read_in_child(pending, limits), key=lambda m: m.notebook)


def _read_in_child(paths: list[Path], limits: NotebookLimits) -> list[NotebookModule]:
    if not paths:
        return []
    package_root = str(Path(__file__).resolve().parents[2])
    code = (f"import sys; sys.path.insert(0, {package_root!r}); "
            "from gradekit.grading.notebook import _child; _child(sys.argv[1:])")
    memory, seconds = limits.memory_mb * 2**20, max(1, int(limits.seconds))

    def confine() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))

    why = ""
    try:
        done = subprocess.run([sys.executable, "-I", "-c", code, *map(str, paths)], capture_output=True,
                              timeout=limits.seconds, preexec_fn=confine, cwd=str(paths[0].parent),
                              env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"})
        stdout = done.stdout
        if done.returncode != 0:
            why = "reading it took more memory or time than the grader allows"
    except subprocess.TimeoutExpired as expired:
        stdout = expired.stdout or b""
        why = f"reading it took more than {limits.seconds:g} s"
    lines = stdout.decode("utf-8", "replace").splitlines()
    modules = []
    for index, path in enumerate(paths):
        line = _parse_line(lines[index]) if index < len(lines) else None
        if line is None:
            problem = why or "it could not be read"
            if index > len(lines):
                problem = "not read: an earlier notebook used up the time or memory allowed"
            modules.append(NotebookModule(path.name, None, problem=problem))
        elif "source" in line:
            modules.append(NotebookModule(path.name, line["source"], frozenset(line["names"])))
        else:
            modules.append(NotebookModule(path.name, None, problem=str(line.get("problem", "?"))))
    return modules


def _parse_line(text: str) -> dict | None:
    try:
        line = json.loads(text)
    except ValueError:  # cut short when the child was killed
        return None
    if not isinstance(line, dict):
        return None
    if isinstance(line.get("source"), str) and isinstance(line.get("names"), list):
        return {"source": line["source"], "names": [str(n) for n in line["names"]]}
    return {"problem": str(line.get("problem", "it could not be read"))}


def module_from_notebooks(folder: Path, names: tuple[str, ...]) -> str | None:
    """The definitions of the first notebook in ``folder`` that defines any of ``names``."""
    return module_for(read_notebooks(folder), names)


def module_for(notebooks: list[NotebookModule], names: tuple[str, ...]) -> str | None:
    """The generated module of the first notebook (by name) defining any of ``names``, or None."""
    for notebook in notebooks:
        if notebook.source is not None and notebook.names & set(names):
            return f"# generated by gradekit from {notebook.notebook}\n{notebook.source}"
    return None


def unreadable(notebooks: list[NotebookModule]) -> str:
    """Why notebooks were not read, for a "missing" message: '' if all were."""
    problems = [f"{n.notebook!r} could not be read: {n.problem}" for n in notebooks if n.source is None]
    return "; ".join(problems[:5])
