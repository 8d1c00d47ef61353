"""The wheel a user installs: built from the repository, installed in a fresh venv, used from an empty folder.

``pip wheel . --no-deps`` then ``pip install gradekit-*.whl`` into a new
virtual environment, with no checkout in sight: the bundled course comes
inside the wheel (setup.py), and every command works from any folder. The
venv gets this environment's installed packages (torch and the rest) as hard
links (those gradekit needs, not gradekit's own editable install), so
nothing is downloaded and the sandbox, which shows a worker only its own
Python's prefix, sees real files.
"""

import errno
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import time
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def run(*args, cwd, timeout=600, env=None):
    result = subprocess.run([str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=timeout,
                            env=env)
    assert result.returncode == 0, f"{args}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def build_wheel(target: Path) -> Path:
    """The wheel of the repository's files (tracked and new, not ignored), built apart from the checkout."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=REPO, capture_output=True,
                            check=True).stdout.decode().split("\0")
    source = target / "source"
    for name in filter(None, listed):
        if (REPO / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, source / name)
    isolation = ["--no-build-isolation"] if _has_setuptools() else []  # else pip fetches setuptools
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", *isolation, "-q", "-w", target / "dist", source, cwd=target)
    (wheel,) = (target / "dist").glob("gradekit-*.whl")
    return wheel


def _has_setuptools() -> bool:
    try:
        import setuptools  # noqa: F401
        return True
    except ImportError:
        return False


def runtime_closure() -> set[str]:
    """The installed distributions gradekit needs to run (its dependencies, theirs, ...; no extras)."""
    from importlib.metadata import PackageNotFoundError, distribution

    from packaging.requirements import Requirement

    from gradekit.tomlfile import read_toml

    needed, pending = set(), [None]  # None: gradekit, as pyproject.toml (the wheel's metadata) says
    while pending:
        name = pending.pop()
        try:
            requires = read_toml(REPO / "pyproject.toml")["project"]["dependencies"] if name is None \
                else distribution(name).requires or []
        except PackageNotFoundError:  # a marker-less optional one, absent here
            continue
        for text in requires:
            requirement = Requirement(text)
            if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
                continue
            name = requirement.name.lower().replace("_", "-")
            if name not in needed:
                needed.add(name)
                pending.append(name)
    return needed


def fresh_venv(folder: Path) -> Path:
    """A venv whose site-packages holds hard links to the installed files of gradekit's dependencies."""
    from importlib.metadata import distribution

    run(sys.executable, "-m", "venv", "--without-pip", folder, cwd=folder.parent)
    python = folder / "bin" / "python"
    theirs = Path(sysconfig.get_paths()["purelib"])
    ours = Path(run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                    cwd=folder).stdout.strip())
    tops = set()
    for name in runtime_closure():
        for file in distribution(name).files or []:
            path = Path(file)
            if not path.is_absolute() and path.parts[0] != ".." and "__pycache__" not in path.parts:
                tops.add(path.parts[0])
    for top in sorted(tops):
        entry = theirs / top
        if entry.is_dir():
            shutil.copytree(entry, ours / top, copy_function=os.link, symlinks=True,
                            ignore=shutil.ignore_patterns("__pycache__"))
        elif entry.is_file():
            os.link(entry, ours / top)
    return python


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(the venv's bin folder, seconds taken to build and install)."""
    started = time.monotonic()
    work = tmp_path_factory.mktemp("wheel")
    wheel = build_wheel(work)
    print(f"wheel built in {time.monotonic() - started:.1f} s")
    venv, remove = tmp_path_factory.mktemp("venv"), None  # pytest removes its folders itself, runs later
    try:
        python = fresh_venv(venv / "env")
    except OSError as error:
        if error.errno != errno.EXDEV:
            raise
        # /tmp on another file system: beside this environment, in an ignored folder, removed after
        venv = remove = Path(sys.prefix).parent / f".wheel-test-{os.getpid()}"
        python = fresh_venv(venv / "env")
    try:
        run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "-q", wheel,
            cwd=work)
        yield python.parent, time.monotonic() - started, wheel
    finally:
        if remove is not None:
            shutil.rmtree(remove, ignore_errors=True)


@pytest.fixture
def empty(tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    return folder


def user_env(bin_folder: Path) -> dict:
    """The environment of a user with only the wheel: no course named, the venv's programs first."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GRADEKIT_", "PYTHON", "VIRTUAL_ENV"))}
    env["PATH"] = f"{bin_folder}{os.pathsep}{env.get('PATH', '')}"
    return env


def test_the_wheel_carries_the_bundled_course_as_package_data(installed):
    _, _, wheel = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    for member in ("course.toml", "references/maxout.py", "problems/maxout/problem.toml",
                   "problems/maxout/hidden_checks.py", "assignments/sessional-exam.toml", "questions/gan.toml",
                   "templates/sheet.md.j2"):
        assert f"gradekit/course/bundled/{member}" in names, member
    assert not any("__pycache__" in name for name in names)


def test_every_command_works_from_an_empty_folder_with_only_the_wheel(installed, empty):
    bin_folder, setup_seconds, _ = installed
    env = user_env(bin_folder)
    gradekit = bin_folder / "gradekit"
    timings = {"build and install": setup_seconds}
    started_all = time.monotonic()

    def timed(label, *args, **kwargs):
        started = time.monotonic()
        result = run(gradekit, *args, cwd=empty, env=env, **kwargs)
        timings[label] = time.monotonic() - started
        return result

    where = run(bin_folder / "python", "-c", "import gradekit, gradekit.calc; print(gradekit.__file__); "
                "print(gradekit.calc.__path__[0])", cwd=empty, env=env).stdout.split()
    assert all(str(bin_folder.parent) in line for line in where), where  # the wheel's, not the checkout's

    listed = json.loads(timed("list", "list", "--format", "json").stdout)
    assert {"maxout", "vae", "image-entropy"} <= {p["id"] for p in listed["problems"]}

    shutil.copytree(Path(where[1]), empty / "references")  # a copy of references/: a full-marks submission
    report = json.loads(timed("grade", "grade", "references", "--assignment", "sessional-exam",
                              "--format", "json").stdout)
    assert report["score"] == report["max_score"] == 12, report

    # training (the slowest) beside the quiz, as two users would: two cores
    started = time.monotonic()
    training = subprocess.Popen([gradekit, "train", "vae", "--steps", "20", "--out", "runs"], cwd=empty, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    timed("quiz", "quiz", "--seed", "7", "--out", "sheets")
    assert (empty / "sheets" / "key.json").is_file()
    timed("check", "check", "references", "--problem", "maxout")
    loaded = run(bin_folder / "python", "-c", "from gradekit.grading.problem import discover\n"
                 "problems = discover()\nprint(len(problems), sum(len(p.all_checks()) for p in problems))",
                 cwd=empty, env=env).stdout.split()
    assert int(loaded[0]) == len(listed["problems"]) and int(loaded[1]) > 0  # every problem's checks and metrics
    (empty / "class" / "ada").mkdir(parents=True)
    shutil.copyfile(empty / "references" / "maxout.py", empty / "class" / "ada" / "maxout.py")
    timed("grade-all", "grade-all", "class", "--out", "grades", "--problem", "maxout")
    assert "ada,10,10" in (empty / "grades" / "grades.csv").read_text()
    output, _ = training.communicate(timeout=600)
    timings["train"] = time.monotonic() - started
    assert training.returncode == 0, output[-3000:]
    assert (empty / "runs" / "metrics.json").is_file()

    print("wheel: " + ", ".join(f"{label} {seconds:.1f} s" for label, seconds in timings.items())
          + f"; in all {time.monotonic() - started_all + setup_seconds:.1f} s")
