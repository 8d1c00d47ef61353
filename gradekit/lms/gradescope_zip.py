"""The Gradescope autograder zip: ``setup.sh``, ``run_autograder``, gradekit's wheel, and the course it grades with.

Gradescope unpacks the zip into ``/autograder/source``, runs ``setup.sh``
once on its Ubuntu image, and ``run_autograder`` for each submission. The zip
holds:

- ``setup.sh``: bubblewrap and Python's venv from apt, PyTorch for CPU, then
  gradekit from the wheel in ``wheels/`` (no index serves it);
- ``run_autograder``: ``python -m gradekit.lms.gradescope_run``, which grades
  ``/autograder/submission`` and writes ``/autograder/results/results.json``;
- ``course/``: what grading reads, and nothing else: ``course.toml``, the
  folders of the assignment's problems (without their wrong submissions,
  designs and trivial kinds), the references, the assignment's file;
- ``gradekit-autograder.json``: the assignment and problems to grade.

The wheel is this gradekit's, built without the bundled course (the zip's
``course/`` is the one graded with). The zip is for the instructor's
Gradescope account only: it holds references and hidden checks.
"""

from __future__ import annotations

import json
import shutil
import stat
import subprocess
import sys
import tempfile
import zipfile
from functools import lru_cache
from pathlib import Path

import gradekit
from gradekit.lms.gradescope_run import CONFIG_NAME

COURSE_FOLDER = "course"
NOT_GRADING = shutil.ignore_patterns("tests", "designs", "trivial", "__pycache__", "*.pyc", ".hypothesis")
EXECUTABLE = 0o755

SETUP_SH = """#!/usr/bin/env bash
# Gradescope runs this once, as root, on its Ubuntu image: what grading needs, then gradekit from its wheel.
set -euxo pipefail
export DEBIAN_FRONTEND=noninteractive
apt-get update
# bubblewrap: each problem runs sandboxed (where the container allows user namespaces; else gradekit
# grades with resource limits only and says so in every result's output)
apt-get install -y --no-install-recommends bubblewrap python3 python3-venv python3-pip
python3 -m venv /autograder/venv
/autograder/venv/bin/pip install --upgrade pip
/autograder/venv/bin/pip install torch --index-url https://download.pytorch.org/whl/cpu  # CPU is enough
/autograder/venv/bin/pip install /autograder/source/wheels/gradekit-*.whl
"""

RUN_AUTOGRADER = """#!/usr/bin/env bash
# Gradescope runs this for each submission: grade /autograder/submission, write /autograder/results/results.json.
# GRADEKIT_AUTOGRADER_ROOT moves the tree and GRADEKIT_PYTHON the interpreter (a test runs it elsewhere).
set -uo pipefail
root="${GRADEKIT_AUTOGRADER_ROOT:-/autograder}"
python="${GRADEKIT_PYTHON:-$root/venv/bin/python}"
cd "$root"
exec "$python" -m gradekit.lms.gradescope_run --root "$root"
"""


class AutograderError(Exception):
    """The zip cannot be made (no wheel can be built here, a course file is missing)."""


def write_autograder_zip(target: Path, selection, *, wheel: Path | None = None) -> list[str]:
    """Write the zip for ``selection`` (course, problems, assignment) to ``target``; returns its member names."""
    wheel = Path(wheel) if wheel is not None else grader_wheel()
    if not wheel.is_file() or not wheel.name.endswith(".whl"):
        raise AutograderError(f"{wheel} is not a wheel file")
    config = {"course": COURSE_FOLDER, "assignment": selection.assignment.name if selection.assignment else None,
              "problems": selection.problem_ids, "gradekit": gradekit.__version__}
    with tempfile.TemporaryDirectory(prefix="gradekit-autograder-") as scratch:
        course = Path(scratch) / COURSE_FOLDER
        copy_course(selection, course)
        files: list[tuple[str, Path | bytes, int]] = [
            ("setup.sh", SETUP_SH.encode(), EXECUTABLE), ("run_autograder", RUN_AUTOGRADER.encode(), EXECUTABLE),
            (CONFIG_NAME, (json.dumps(config, indent=2) + "\n").encode(), 0o644),
            (f"wheels/{wheel.name}", wheel, 0o644)]
        files += [(path.relative_to(scratch).as_posix(), path, 0o644)
                  for path in sorted(course.rglob("*")) if path.is_file()]
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.partial")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, content, mode in files:
                info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))  # the same inputs, the same zip
                info.external_attr = (stat.S_IFREG | mode) << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, content if isinstance(content, bytes) else content.read_bytes())
        partial.replace(target)
    return [name for name, _, _ in files]


def copy_course(selection, target: Path) -> None:
    """What grading ``selection`` reads of its course, into ``target``."""
    course = selection.course
    target.mkdir(parents=True)
    course_file = course.root / "course.toml"
    if course_file.is_file():
        shutil.copyfile(course_file, target / "course.toml")
    else:
        (target / "course.toml").write_text('title = "gradekit autograder"\n')
    folders = {problem.id: problem.folder for problem in selection.problems}
    if selection.assignment is not None:  # all of its problems, so that its file reads as it is (grading may choose)
        folders |= {i: selection.problems_dir / i for i in selection.assignment.problem_ids if i not in folders}
    for problem_id, folder in folders.items():
        shutil.copytree(folder, target / "problems" / problem_id, ignore=NOT_GRADING)
    references = course.references_dir
    (target / "references").mkdir()
    if references.is_dir():  # every reference: a problem's metrics may import another problem's formulas
        for path in sorted(references.glob("*.py")):
            shutil.copyfile(path, target / "references" / path.name)
    (target / "assignments").mkdir()
    if selection.assignment is not None and selection.assignment.path is not None:
        shutil.copyfile(selection.assignment.path, target / "assignments" / f"{selection.assignment.name}.toml")


@lru_cache(maxsize=1)
def grader_wheel() -> Path:
    """This gradekit's wheel, without the bundled course, built once per process (from the checkout)."""
    from gradekit.kit.wheel import IGNORED, PACKAGE, PACKAGING, SOURCE, without_course

    if not all((SOURCE / name).is_file() for name in PACKAGING):
        raise AutograderError(f"this gradekit ({PACKAGE}) is not a checkout to build a wheel from; "
                              "give one with --wheel (pip wheel --no-deps . in gradekit's source)")
    scratch = Path(tempfile.mkdtemp(prefix="gradekit-grader-wheel-"))
    source = scratch / "source"
    shutil.copytree(PACKAGE, source / "gradekit", ignore=IGNORED)
    for name in PACKAGING:
        shutil.copyfile(SOURCE / name, source / name)
    (source / "course.toml").write_text('title = "no course: the autograder brings its own"\n')
    for name in ("problems", "references", "assignments", "questions", "templates"):
        (source / name).mkdir()
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(scratch / "wheel"), str(source)]
    if _has_setuptools():  # build with this environment's setuptools: offline, and quick
        command[4:4] = ["--no-build-isolation", "--no-index"]
    done = subprocess.run(command, capture_output=True, text=True)
    wheels = sorted((scratch / "wheel").glob("gradekit-*.whl"))
    if done.returncode != 0 or len(wheels) != 1:
        raise AutograderError(f"building the gradekit wheel failed:\n{(done.stderr or done.stdout)[-3000:]}")
    return without_course(wheels[0])


def _has_setuptools() -> bool:
    try:
        import setuptools  # noqa: F401
    except ImportError:
        return False
    return True
