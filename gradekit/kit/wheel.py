"""The gradekit wheel a kit carries: students install it from the kit, as no package index serves it.

Built from this gradekit's source with ``pip wheel --no-deps``, in a scratch
folder that holds only the package and its packaging files. A wheel built in
the checkout bundles the course (references, hidden checks, wrong
submissions: see setup.py); here the course's folders are empty stand-ins,
whatever of them still lands under ``gradekit/course/bundled/`` is taken out,
and ``audit.audit_wheel`` checks every member before the kit is written. A
kit is a course of its own (its ``course.toml``), so the student's gradekit
needs no bundled one.

Also left out: every gradekit module that imports the references, itself or
through another (``audit.reaches_references``): the reference models'
training, the quiz keys, kit export, ``gradekit.calc``, and gradekit's own
answer to a problem (``gradekit.metrics.frechet``, with the FID code and the
``fid`` command that use it: ``audit.SECRET_MODULES``). Without the references
(a kit has none) they cannot even import, and they are the code nearest the
answers. What the public checks, ``gradekit check`` and the notebook's
``check`` need never imports them (the kit's audit holds the public checks to
that), and the commands left out are simply not offered.

Built once per state of the source and kept in a cache folder, so exporting
many kits (or the tests) builds it once.
"""

from __future__ import annotations

import base64
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import gradekit
from gradekit.kit.audit import KitLeak, audit_wheel, reaches_references

PACKAGE = Path(gradekit.__file__).resolve().parent
SOURCE = PACKAGE.parent  # the checkout, in a development install
PACKAGING = ("pyproject.toml", "setup.py", "README.md")
COURSE_STANDINS = ("problems", "references", "assignments", "questions", "templates")  # setup.py copies these
BUNDLED = "gradekit/course/bundled/"
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", "bundled", ".hypothesis")
CACHE = Path(tempfile.gettempdir()) / "gradekit-kit-wheels"
CACHE_DAYS = 1


class WheelError(Exception):
    """No student wheel can be made here (gradekit is not a checkout, or the build failed)."""


def student_wheel() -> Path:
    """The wheel of this gradekit without any course, built or taken from the cache."""
    if not all((SOURCE / name).is_file() for name in PACKAGING):
        raise WheelError(f"this gradekit ({PACKAGE}) is not a checkout to build a wheel from; "
                         f"give the kit a gradekit wheel built without the course (export-student --wheel)")
    folder = CACHE / _source_digest()
    found = sorted(folder.glob("gradekit-*.whl"))
    if found:
        return found[0]
    _forget_old_wheels()
    with tempfile.TemporaryDirectory(prefix="gradekit-wheel-") as scratch:
        built = _build(Path(scratch))
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=folder.parent))
        shutil.copyfile(built, staging / built.name)
        try:
            os.replace(staging, folder)  # another process may have won the race: then use its wheel
        except OSError:
            shutil.rmtree(staging, ignore_errors=True)
    return sorted(folder.glob("gradekit-*.whl"))[0]


def _forget_old_wheels() -> None:
    """Cached wheels of sources untouched for a day: an edited checkout leaves one per state."""
    if CACHE.is_dir():
        for folder in CACHE.iterdir():
            if time.time() - folder.stat().st_mtime > CACHE_DAYS * 86400:
                shutil.rmtree(folder, ignore_errors=True)


def _build(scratch: Path) -> Path:
    source = scratch / "source"
    shutil.copytree(PACKAGE, source / "gradekit", ignore=IGNORED)
    for path in sorted((source / "gradekit").rglob("*.py")):
        if reaches_references(_module_name(path.relative_to(source))):
            path.unlink()
    for name in PACKAGING:
        shutil.copyfile(SOURCE / name, source / name)
    (source / "course.toml").write_text('title = "no course: a student kit brings its own"\n')
    for name in COURSE_STANDINS:
        (source / name).mkdir()
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(scratch / "wheel"), str(source)]
    if _has_setuptools():  # build with this environment's setuptools: offline, and quick
        command[4:4] = ["--no-build-isolation", "--no-index"]
    done = subprocess.run(command, capture_output=True, text=True)
    wheels = sorted((scratch / "wheel").glob("gradekit-*.whl"))
    if done.returncode != 0 or len(wheels) != 1:
        raise WheelError(f"building the gradekit wheel failed:\n{(done.stderr or done.stdout)[-3000:]}")
    wheel = without_course(wheels[0])
    try:
        audit_wheel(wheel)
    except KitLeak as leak:
        raise WheelError(str(leak)) from None
    return wheel


def _module_name(relative: Path) -> str:
    """``gradekit/models/vae.py`` -> ``gradekit.models.vae``; a package's ``__init__.py`` -> the package."""
    parts = relative.with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _has_setuptools() -> bool:
    try:
        import setuptools  # noqa: F401
    except ImportError:
        return False
    return True


def without_course(wheel: Path) -> Path:
    """``wheel`` rewritten without ``gradekit/course/bundled/`` (its RECORD too); returns its path."""
    with zipfile.ZipFile(wheel) as original:
        members = [(info, original.read(info)) for info in original.infolist()
                   if not info.filename.startswith(BUNDLED)]
    kept = {info.filename for info, _ in members}
    rewritten = wheel.with_suffix(".tmp")
    with zipfile.ZipFile(rewritten, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in members:
            if info.filename.endswith(".dist-info/RECORD"):
                lines = [line for line in data.decode().splitlines() if line.split(",")[0] in kept
                         or line.split(",")[0] == info.filename]
                data = ("\n".join(lines) + "\n").encode()
            archive.writestr(info, data)
    os.replace(rewritten, wheel)
    return wheel


def _source_digest() -> str:
    """A digest of every file the wheel is built from: a changed source builds a new wheel."""
    digest = hashlib.sha256()
    files = [SOURCE / name for name in PACKAGING]
    files += sorted(p for p in PACKAGE.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                    and p.suffix != ".pyc" and "bundled" not in p.relative_to(PACKAGE).parts)
    for path in files:
        digest.update(str(path.relative_to(SOURCE)).encode() + b"\0" + path.read_bytes() + b"\0")
    return base64.b32encode(digest.digest()[:15]).decode().lower()
