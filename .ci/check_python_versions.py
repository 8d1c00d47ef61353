"""Python 3.10 through 3.12 must import every module of gradekit, its problems and its references.

Run by .ci/run with the project's Python (.venv). For each other interpreter
that pyenv or PATH offers here (3.10, the oldest gradekit allows, and 3.12):

1. every file of gradekit/, problems/, references/ and tests/ compiles with it;
2. no import names a standard module that interpreter lacks (3.12 dropped
   distutils, imp, asynchat, ...; 3.10 has no tomllib);
3. on 3.10, a virtual environment with gradekit's dependencies except PyTorch
   (a CUDA build of several GB on PyPI for 3.10) imports every module that
   does not need torch, the problems' check modules and the references included;
   modules that need torch are covered by 1, 2 and
4. ``vermin --target=3.10-`` (static: the standard library's API by version) over everything.

A missing interpreter is said, not a failure: the static checks still run.
Exits 1 on any finding.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TREES = ("gradekit", "problems", "references", "tests")
VERSIONS = ("3.10", "3.12")
VENV_310 = REPO / ".venv-py310"
NEEDS_TORCH = ("torch", "torchvision")

COMPILE_AND_FIND = r"""
import ast, importlib.util, json, sys
files, stdlib = json.load(sys.stdin)
problems = []
for path in files:
    try:
        tree = compile(open(path, encoding="utf-8").read(), path, "exec", ast.PyCF_ONLY_AST)
        compile(tree, path, "exec")
    except SyntaxError as error:
        problems.append(f"{path}:{error.lineno}: does not compile: {error.msg}")
        continue
    for node in ast.walk(tree):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module] if isinstance(node, ast.ImportFrom) and node.module and not node.level else []
        for name in names:
            top = name.split(".")[0]
            if top in stdlib and top not in sys.stdlib_module_names:
                problems.append(f"{path}:{node.lineno}: imports {name}, which this Python does not have")
print(json.dumps(problems))
"""

IMPORT_EVERYTHING = r"""
import importlib, json, pkgutil, sys, traceback
from pathlib import Path
repo = Path(sys.argv[1])
sys.path.insert(0, str(repo))
needs_torch, failed, imported = [], [], 0
def attempt(label, load):
    global imported
    try:
        load()
        imported += 1
    except ModuleNotFoundError as error:
        if (error.name or "").split(".")[0] in ("torch", "torchvision"):
            needs_torch.append(label)
        else:
            failed.append(f"{label}: {type(error).__name__}: {error}")
    except Exception as error:
        failed.append(f"{label}: {type(error).__name__}: {error}")
import gradekit
import tempfile
from gradekit.grading.sandbox import stage_worker
staged = stage_worker(Path(tempfile.mkdtemp(prefix="py310-import-check-")))  # what a worker and a harness import
sys.path += [str(staged), str(repo / "references")]  # a harness imports the student's module: the reference
for info in pkgutil.walk_packages(gradekit.__path__, "gradekit.", onerror=lambda name: None):
    attempt(info.name, lambda: importlib.import_module(info.name))
from gradekit.grading.problem import discover, load_module
for problem in discover(repo / "problems"):
    for path in sorted(problem.folder.glob("*.py")):
        attempt(f"problems/{problem.id}/{path.name}", lambda: load_module(problem, path))
for path in sorted((repo / "references").glob("*.py")):
    attempt(f"references/{path.name}", lambda: importlib.import_module(f"gradekit.calc.{path.stem}"))
import shutil
shutil.rmtree(staged, ignore_errors=True)
print(json.dumps({"imported": imported, "needs_torch": needs_torch, "failed": failed}))
"""


def interpreter(version: str) -> Path | None:
    """``python<version>`` from pyenv's versions or PATH."""
    roots = [Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"]
    for root in roots:
        for candidate in sorted(root.glob(f"{version}.*"), reverse=True):
            if (candidate / "bin" / "python").is_file():
                return candidate / "bin" / "python"
    found = shutil.which(f"python{version}")
    return Path(found) if found else None


def source_files() -> list[str]:
    return [str(p) for tree in TREES for p in sorted((REPO / tree).rglob("*.py"))
            if "__pycache__" not in p.parts and "bundled" not in p.parts]


def compile_and_find(python: Path) -> list[str]:
    stdlib = sorted(sys.stdlib_module_names | {"tomllib", "distutils", "imp", "asynchat", "asyncore", "smtpd"})
    run = subprocess.run([str(python), "-c", COMPILE_AND_FIND], input=json.dumps([source_files(), stdlib]),
                         capture_output=True, text=True, check=True)
    findings = json.loads(run.stdout)
    return [f for f in findings if not _guarded_tomllib(f)]


def _guarded_tomllib(finding: str) -> bool:
    """``import tomllib`` inside ``try: ... except ImportError: import tomli`` is the allowed form."""
    if "imports tomllib" not in finding:
        return False
    path, line = finding.split(":")[:2]
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    index = int(line) - 1
    before = lines[index - 1].strip() if index else ""
    after = "\n".join(lines[index + 1:index + 3])
    return before == "try:" and "except ImportError" in after and "tomli" in after


def dependencies_without_torch() -> list[str]:
    """pyproject.toml's dependencies but PyTorch's (tomli included: its marker holds on 3.10)."""
    import tomllib

    declared = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"]
    return [d for d in declared if not d.split(">")[0].split("=")[0].split("<")[0].strip() in NEEDS_TORCH]


def import_on_310(python: Path) -> dict | None:
    """Import every module in a 3.10 venv without torch; None if the venv cannot be made here."""
    venv_python = VENV_310 / "bin" / "python"
    try:
        if not venv_python.is_file():
            subprocess.run([str(python), "-m", "venv", str(VENV_310)], check=True, capture_output=True)
        subprocess.run([str(venv_python), "-m", "pip", "install", "-q", *dependencies_without_torch()],
                       check=True, capture_output=True, text=True, timeout=900)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        print(f"  could not install the dependencies for Python 3.10 ({error}); imports are checked statically only")
        return None
    env = {**os.environ, "PYTHONPATH": str(REPO), "GRADEKIT_COURSE": str(REPO)}
    run = subprocess.run([str(venv_python), "-c", IMPORT_EVERYTHING, str(REPO)], capture_output=True, text=True,
                         env=env, cwd=REPO, timeout=900)
    if run.returncode != 0:
        return {"imported": 0, "needs_torch": [], "failed": [run.stderr.strip()[-2000:]]}
    return json.loads(run.stdout.strip().splitlines()[-1])


def vermin() -> list[str]:
    """``vermin``'s violations of 3.10 as the oldest version (a false positive takes a ``# novm`` comment)."""
    program = Path(sys.executable).parent / "vermin"
    if not program.is_file():
        return [f"vermin is not installed beside {sys.executable} (pip install -e '.[test]')"]
    run = subprocess.run([str(program), "--target=3.10-", "--violations", "--no-tips", "-q", *TREES],
                         capture_output=True, text=True, cwd=REPO)
    found = [line.strip() for line in run.stdout.splitlines() if "requires" in line]
    if run.returncode != 0 and not found:
        found = [f"vermin failed: {(run.stderr or run.stdout).strip()[-500:]}"]
    return found


def main() -> int:
    findings: list[str] = []
    for version in VERSIONS:
        python = interpreter(version)
        if python is None:
            print(f"Python {version}: not installed here; checked statically (vermin) only")
            continue
        found = compile_and_find(python)
        print(f"Python {version} ({python}): {len(source_files())} files compile"
              + (f"; {len(found)} finding(s)" if found else ", no import of a missing standard module"))
        findings += found
        if version == "3.10":
            imported = import_on_310(python)
            if imported is not None:
                print(f"Python 3.10: {imported['imported']} modules imported; {len(imported['needs_torch'])} need "
                      f"torch (not installable for 3.10 here), checked by compiling and vermin")
                findings += [f"Python 3.10 import: {f}" for f in imported["failed"]]
    violations = vermin()
    print(f"vermin --target=3.10-: {len(violations)} violation(s)")
    findings += violations
    for finding in findings:
        print(f"  {finding}")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
