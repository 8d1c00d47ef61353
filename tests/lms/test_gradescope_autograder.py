"""``gradekit gradescope-autograder``: the zip runs end to end in a tree shaped like Gradescope's (issue 18).

The zip is unpacked into ``<tmp>/autograder/source``, a copy of the course's
reference is the submission, and ``run_autograder`` runs with
``GRADEKIT_AUTOGRADER_ROOT`` pointing at ``<tmp>/autograder`` and this
environment's Python standing in for the venv ``setup.sh`` makes. The wheel
is built once (it is what ``setup.sh`` installs; the wheel test elsewhere
installs one in a fresh venv).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gradekit.cli import app

LATE = "2024-09-07T09:30:00.123456+00:00"  # Gradescope's created_at: a day late for the tiny assignment


def build_zip(tmp_path_factory, *arguments: str) -> Path:
    target = tmp_path_factory.mktemp("zip") / "autograder.zip"
    result = CliRunner().invoke(app, ["gradescope-autograder", "--out", str(target), *arguments])
    assert result.exit_code == 0, result.output
    return target


def run_in_gradescope_tree(zip_path: Path, root: Path, submission: dict[str, str], created_at: str | None) -> dict:
    """Unpack like Gradescope, hand in ``submission`` (file name -> text), run run_autograder, read results.json."""
    source = root / "autograder" / "source"
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(source)
        for info in archive.infolist():  # zipfile drops the modes; Gradescope's unzip keeps them
            (source / info.filename).chmod((info.external_attr >> 16) & 0o777)
    (root / "autograder" / "submission").mkdir()
    for name, text in submission.items():
        (root / "autograder" / "submission" / name).write_text(text)
    (root / "autograder" / "results").mkdir()
    if created_at:
        (root / "autograder" / "submission_metadata.json").write_text(json.dumps({"created_at": created_at}))
    environment = {**os.environ, "GRADEKIT_AUTOGRADER_ROOT": str(root / "autograder"),
                   "GRADEKIT_PYTHON": sys.executable}
    environment.pop("GRADEKIT_COURSE", None)
    done = subprocess.run([str(source / "run_autograder")], env=environment, cwd=root, capture_output=True,
                          text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return json.loads((root / "autograder" / "results" / "results.json").read_text())


@pytest.fixture(scope="module")
def tiny_zip(tiny_course, tmp_path_factory) -> Path:
    return build_zip(tmp_path_factory, "--course", str(tiny_course), "--assignment", "tiny")


def test_the_zip_holds_what_gradescope_runs_and_the_course_it_grades_with(tiny_zip):
    with zipfile.ZipFile(tiny_zip) as archive:
        names = set(archive.namelist())
        modes = {info.filename: (info.external_attr >> 16) & 0o777 for info in archive.infolist()}
        setup = archive.read("setup.sh").decode()
        config = json.loads(archive.read("gradekit-autograder.json"))
    assert {"setup.sh", "run_autograder", "course/course.toml", "course/assignments/tiny.toml",
            "course/problems/tiny-sampler/problem.toml", "course/problems/tiny-sampler/hidden_checks.py",
            "course/references/tiny_sampler.py"} <= names
    (wheel,) = [n for n in names if n.startswith("wheels/gradekit-") and n.endswith(".whl")]
    assert modes["setup.sh"] == modes["run_autograder"] == 0o755
    assert "bubblewrap" in setup and f"/autograder/source/{wheel.split('/')[0]}/gradekit-" in setup
    assert "download.pytorch.org/whl/cpu" in setup
    assert config == {"course": "course", "assignment": "tiny", "problems": ["tiny-sampler"], "gradekit": "0.1.0"}


def test_run_autograder_grades_the_reference_in_a_gradescope_tree(tiny_zip, tiny_course, tmp_path):
    reference = (tiny_course / "references" / "tiny_sampler.py").read_text()
    results = run_in_gradescope_tree(tiny_zip, tmp_path, {"tiny_sampler.py": reference}, LATE)
    assert results["output_format"] == "md" and results["execution_time"] > 0
    assert results["score"] == pytest.approx(6 * 0.9)  # full marks, a day late at 10 % a day
    assert "1 day(s) late" in results["output"]
    visibility = {t["name"]: t["visibility"] for t in results["tests"]}
    assert visibility == {"tiny-sampler: scale_is_lambda_times_x": "visible",
                          "tiny-sampler: samples_are_bright_enough": "visible",
                          "tiny-sampler: scale_keeps_its_factor_for_large_inputs": "after_due_date"}
    assert results["leaderboard"] == [{"name": "tiny-sampler: brightness", "value": 0.5, "order": "desc"}]
    bright = next(t for t in results["tests"] if t["name"].endswith("samples_are_bright_enough"))
    assert "measured: `the samples' mean brightness 0.5, at least 0.25`" in bright["output"]


def test_a_wrong_submission_gets_markdown_feedback(tiny_zip, tiny_course, tmp_path):
    wrong = (tiny_course / "references" / "tiny_sampler.py").read_text().replace("2 * x", "3 * x")
    results = run_in_gradescope_tree(tiny_zip, tmp_path, {"tiny_sampler.py": wrong}, None)
    assert results["score"] == 2 and "late" not in results["output"]  # no submission time, no penalty
    scale = next(t for t in results["tests"] if t["name"].endswith("scale_is_lambda_times_x"))
    assert scale["status"] == "failed" and "smallest failing input:\n\n```text\nx=1\n```" in scale["output"]


def test_the_bundled_course_grades_through_the_zip(tmp_path_factory, repo, tmp_path):
    """A problem of the bundled course, its checks importing their reference from the zip's course."""
    zip_path = build_zip(tmp_path_factory, "--assignment", "sessional-exam", "--problem", "maxout")
    results = run_in_gradescope_tree(zip_path, tmp_path, {"maxout.py": (repo / "references/maxout.py").read_text()},
                                     None)
    assert results["score"] == sum(t["max_score"] for t in results["tests"]) > 0
    assert {t["name"].split(": ")[0] for t in results["tests"]} == {"maxout"}
    assert "leaderboard" not in results  # calculations measure no metric


def test_a_grader_failure_still_writes_results(tiny_zip, tmp_path):
    results_root = tmp_path / "autograder"
    with zipfile.ZipFile(tiny_zip) as archive:
        archive.extractall(results_root / "source")
    (results_root / "source" / "gradekit-autograder.json").write_text("{not json")
    done = subprocess.run([sys.executable, "-m", "gradekit.lms.gradescope_run", "--root", str(results_root)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 1
    results = json.loads((results_root / "results" / "results.json").read_text())
    assert results["score"] == 0 and "could not grade" in results["output"]
