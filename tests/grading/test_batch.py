"""Grading a class: parallel, resumable, one report per student, and students kept apart.

The classes here are graded against ``image-entropy-quick``, a copy of
``image-entropy`` with few hypothesis examples and short limits, so that a
class of a hundred grades in a couple of minutes. (A copy under its own id:
loading the real problem's checks with other settings would change them for
the tests that follow.) Its students are of kinds that grade fast: wrong
answers that hypothesis must shrink cost seconds each, and the benchmark
(benchmarks/grade_all_bench.py) is where those are timed.
"""

from __future__ import annotations

import csv
import json
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gradekit.grading import batch, sandbox
from gradekit.grading.problem import load_problem
from gradekit.grading.runner import grade_submission

REPO = Path(__file__).resolve().parents[2]
QUICK = "image-entropy-quick"
REFERENCE = (REPO / "references" / "image_entropy.py").read_text()
NATURAL_LOG = (REPO / "problems" / "image-entropy" / "tests" / "natural-log" / "image_entropy.py").read_text()
KINDS = ["reference", "notebook", "empty", "natural-log", "broken"]


@pytest.fixture(scope="module")
def problems_dir(tmp_path_factory) -> Path:
    """A problems folder holding image-entropy-quick."""
    root = tmp_path_factory.mktemp("problems")
    target = root / QUICK
    shutil.copytree(REPO / "problems" / "image-entropy", target,
                    ignore=shutil.ignore_patterns("tests", "__pycache__"))
    config = (target / "problem.toml").read_text().split("[limits]")[0]
    config = config.replace('title = "Image entropy"', 'title = "Image entropy (quick)"')
    config = re.sub(r"(?m)^max_examples = .*$", "max_examples = 5", config)
    (target / "problem.toml").write_text(
        config + "\n[limits]\nwall_seconds = 20\ncall_seconds = 3\nimport_seconds = 5\n")
    return root


@pytest.fixture(scope="module")
def quick(problems_dir):
    return load_problem(problems_dir / QUICK)


@pytest.fixture(scope="module")
def scores(quick, tmp_path_factory) -> dict[str, float]:
    """What ``gradekit grade`` gives one student of each kind: grade-all must give the same."""
    root = tmp_path_factory.mktemp("exemplars")
    found = {}
    for kind in KINDS:
        make_student(root, kind, kind)
        found[kind] = grade_submission(root / kind, [quick]).score
    assert found["reference"] == found["notebook"] == 10 and found["empty"] == found["broken"] == 0
    assert 0 < found["natural-log"] < 10
    return found


def notebook(source: str) -> str:
    cells = [{"cell_type": "code", "source": source.splitlines(True), "metadata": {}, "outputs": [],
              "execution_count": None},
             {"cell_type": "code", "source": ["image_entropy([[0, 1], [2, 3]])\n"], "metadata": {},
              "outputs": [], "execution_count": None}]
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def make_student(root: Path, name: str, kind: str) -> None:
    """A student folder of one kind: the reference, as a notebook, nothing, or a wrong submission."""
    folder = root / name
    folder.mkdir(parents=True)
    if kind == "reference":
        (folder / "image_entropy.py").write_text(REFERENCE)
    elif kind == "notebook":
        (folder / "homework.ipynb").write_text(notebook(REFERENCE))
    elif kind == "empty":
        (folder / "README.txt").write_text("nothing handed in\n")
    elif kind == "natural-log":
        (folder / "image_entropy.py").write_text(NATURAL_LOG)
    else:
        (folder / "image_entropy.py").write_text("def image_entropy(image)\n    return 0\n")  # a syntax error


def make_class(root: Path, size: int, scores: dict[str, float]) -> dict[str, float]:
    """``size`` students cycling through every kind; the score each must get."""
    expected = {}
    for i in range(size):
        name, kind = f"student-{i:03d}", KINDS[i % len(KINDS)]
        make_student(root, name, kind)
        expected[name] = scores[kind]
    return expected


def read_csv(path: Path) -> list[dict[str, str]]:
    with open(path, newline="") as file:
        return list(csv.DictReader(file))


def test_a_class_is_graded_into_reports_a_csv_and_gradescope_results(tmp_path, quick, scores):
    expected = make_class(tmp_path / "class", 8, scores)
    result = batch.grade_class(tmp_path / "class", tmp_path / "out", [quick], workers=2, gradescope=True)

    assert sorted(result.graded) == sorted(expected) and result.grader_errors == []
    rows = read_csv(tmp_path / "out" / "grades.csv")
    assert list(rows[0]) == ["student", "score", "max_score", QUICK]
    assert {r["student"]: float(r["score"]) for r in rows} == expected
    assert {r["student"]: float(r[QUICK]) for r in rows} == expected
    assert all(r["max_score"] == "10" for r in rows)
    for student, score in expected.items():
        report = json.loads((tmp_path / "out" / f"{student}.json").read_text())
        assert report["score"] == score and report["problems"][0]["id"] == QUICK
        results = json.loads((tmp_path / "out" / f"{student}.results.json").read_text())
        assert results["score"] == score and len(results["tests"]) == len(quick.all_checks())


def test_a_second_run_grades_no_one_and_regrade_grades_everyone(tmp_path, quick, scores):
    expected = make_class(tmp_path / "class", 3, scores)
    batch.grade_class(tmp_path / "class", tmp_path / "out", [quick], workers=2)
    reports = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "out").glob("*.json")}

    again = batch.grade_class(tmp_path / "class", tmp_path / "out", [quick], workers=2)
    assert again.graded == [] and sorted(again.skipped) == sorted(expected)
    assert {p.name: p.stat().st_mtime_ns for p in (tmp_path / "out").glob("*.json")} == reports

    forced = batch.grade_class(tmp_path / "class", tmp_path / "out", [quick], workers=2, regrade=True)
    assert sorted(forced.graded) == sorted(expected) and forced.skipped == []
    assert len(read_csv(tmp_path / "out" / "grades.csv")) == len(expected)


def test_a_submission_that_kills_its_grading_process_does_not_stop_the_others(tmp_path, quick, scores,
                                                                             monkeypatch):
    # Without bubblewrap the pool process grading a worker is its grandparent (its parent is the warm
    # sandbox's zygote), and student code can find and kill it, unless Landlock's signal scope stops it
    # (test_hostile's signal-grader): the pool's recovery is tested without it, as on older kernels.
    monkeypatch.setenv("GRADEKIT_NO_BWRAP", "1")
    monkeypatch.setenv("GRADEKIT_NO_LANDLOCK", "1")
    expected = make_class(tmp_path / "class", 4, scores)
    killer = tmp_path / "class" / "killer"
    killer.mkdir()
    (killer / "image_entropy.py").write_text(
        "import os, signal\n"
        "pid = os.getppid()\n"
        "while b'--zygote' in open(f'/proc/{pid}/cmdline', 'rb').read():\n"
        "    pid = int(open(f'/proc/{pid}/stat').read().rsplit(')', 1)[1].split()[1])\n"
        "os.kill(pid, signal.SIGKILL)\n\n"
        "def image_entropy(image):\n    return 0.0\n")

    result = batch.grade_class(tmp_path / "class", tmp_path / "out", [quick], workers=2)

    assert result.grader_errors == ["killer"]
    assert sorted(result.graded) == sorted(expected)
    rows = {r["student"]: float(r["score"]) for r in read_csv(tmp_path / "out" / "grades.csv")}
    assert rows == {**expected, "killer": 0.0}
    assert "grader_error" in json.loads((tmp_path / "out" / "killer.json").read_text())
    # a grader error is not a grade: the next run tries that student again, and only that one
    again = batch.grade_class(tmp_path / "class", tmp_path / "out", [quick], workers=2)
    assert again.grader_errors == ["killer"] and again.graded == []


def test_students_cannot_see_each_others_folders(tmp_path, quick):
    if not sandbox.isolation().namespaces:
        pytest.skip("without bubblewrap the sandbox does not hide other folders (docs/security.md)")
    make_student(tmp_path / "class", "classmate", "reference")
    snoop = tmp_path / "class" / "snoop"
    snoop.mkdir()
    # Finds the classmate's solution by a relative path, by its absolute path, or anywhere near;
    # uses it if found (then it would score 10), else answers wrong.
    (snoop / "image_entropy.py").write_text(f"""
import glob, os
CANDIDATES = ["../classmate/image_entropy.py", {str(tmp_path / "class" / "classmate" / "image_entropy.py")!r},
              *glob.glob("/*/classmate/image_entropy.py"), *glob.glob("/tmp/*/*/classmate/image_entropy.py"),
              *glob.glob("/tmp/*/submission/image_entropy.py")]
FOUND = None
for path in CANDIDATES:
    try:
        source = open(path).read()
    except OSError:
        continue
    if "np.unique" in source:
        FOUND = {{}}
        exec(source, FOUND)
        break
SEEN = sorted(os.listdir(".")) + sorted(os.listdir(".."))

def image_entropy(image):
    if FOUND is None:
        return -1.0 - float(image.flat[0])
    return FOUND["image_entropy"](image)
""")
    batch.grade_class(tmp_path / "class", tmp_path / "out", [quick], workers=2)
    rows = {r["student"]: float(r["score"]) for r in read_csv(tmp_path / "out" / "grades.csv")}
    assert rows == {"classmate": 10.0, "snoop": 0.0}


def test_grades_csv_lists_each_report_once_whatever_else_is_in_the_folder(tmp_path):
    out = tmp_path / "out"
    out.mkdir()

    def report(problems: dict[str, float]) -> dict:
        return {"submission": "x", "score": sum(problems.values()), "max_score": 10.0 * len(problems),
                "problems": [{"id": i, "score": s, "max_score": 10.0, "status": "graded", "checks": []}
                             for i, s in problems.items()]}

    batch.write_atomically(out / "ann.json", json.dumps(report({"a": 10, "b": 2.5})))
    batch.write_atomically(out / "ann.results.json", json.dumps({"score": 12.5, "tests": []}))
    batch.write_atomically(out / "ben.json", json.dumps(report({"b": 7})))
    (out / "notes.json").write_text("[1, 2]")  # not a report
    (out / ".cid.json.partial-123").write_text('{"score": 1')  # a write cut short
    batch.write_csv(out, ["a", "b"])
    assert (out / "grades.csv").read_text() == "student,score,max_score,a,b\nann,12.5,20,10,2.5\nben,7,10,,7\n"
    assert sorted(p.name for p in out.iterdir()) == [".cid.json.partial-123", "ann.json", "ann.results.json",
                                                     "ben.json", "grades.csv", "notes.json"]


@pytest.mark.slow
def test_an_interrupted_class_resumes_without_losing_or_regrading_anyone(tmp_path, problems_dir, scores):
    expected = make_class(tmp_path / "class", 100, scores)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "gradekit.cli", "grade-all", str(tmp_path / "class"), "--out", str(out),
               "--workers", "2", "--problems-dir", str(problems_dir)]
    first = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while len(list(out.glob("student-*.json"))) < 30 and first.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    pool = _descendants(first.pid)
    first.send_signal(signal.SIGKILL)  # no chance to clean up: the harshest interruption
    first.wait()
    assert first.returncode == -signal.SIGKILL, "the run finished before it could be interrupted"
    _wait_until_gone(pool)
    written = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in out.glob("student-*.json")}
    assert 30 <= len(written) < 100

    second = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=900)
    assert second.returncode == 0, second.stderr
    assert f"graded {100 - len(written)} student(s), {len(written)} already graded" in second.stderr
    assert {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in out.glob("student-*.json")
            if p.name in written} == written
    rows = read_csv(out / "grades.csv")
    assert [r["student"] for r in rows] == sorted(expected)
    assert {r["student"]: float(r["score"]) for r in rows} == expected
    assert list(out.glob(".*partial*")) == []


def _descendants(pid: int) -> list[int]:
    found, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                children = [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                continue
            found += children
            frontier += children
    return found


def _wait_until_gone(pids: list[int], timeout: float = 10.0) -> None:
    """The killed run's processes (pool, sandboxes) die with it; none may go on writing reports."""
    deadline = time.monotonic() + timeout
    while (alive := [p for p in pids if _alive(p)]) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert alive == [], "processes of the killed run outlived it"


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.slow
def test_a_dask_cluster_grades_the_same_jobs(tmp_path, quick, scores):
    distributed = pytest.importorskip("distributed")
    expected = make_class(tmp_path / "class", 4, scores)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as cluster:
        result = batch.grade_class(tmp_path / "class", tmp_path / "out", [quick],
                                   scheduler=cluster.scheduler_address, gradescope=True)
    assert sorted(result.graded) == sorted(expected)
    rows = {r["student"]: float(r["score"]) for r in read_csv(tmp_path / "out" / "grades.csv")}
    assert rows == expected
    report = json.loads((tmp_path / "out" / "student-000.json").read_text())
    assert report["submission"] == str(tmp_path / "class" / "student-000")
