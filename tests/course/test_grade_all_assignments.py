"""grade-all with assignments: HW1 then HW2 into one folder gives HW2's grades; stale reports never survive."""

import csv
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gradekit.cli import app
from gradekit.course.scaffold import init_course

runner = CliRunner()
REPO = Path(__file__).resolve().parents[2]
WRONG_ENTROPY = REPO / "problems/image-entropy/tests/natural-log/image_entropy.py"  # scores 3 of 10


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def course(tmp_path):
    """A course of two cheap problems, with HW1 = maxout and HW2 = image-entropy (per day late: -10 %)."""
    root = init_course(tmp_path / "course", empty=True, title="Two homeworks")
    for problem, module in (("maxout", "maxout"), ("image-entropy", "image_entropy")):
        shutil.copytree(REPO / "problems" / problem, root / "problems" / problem,
                        ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copyfile(REPO / "references" / f"{module}.py", root / "references" / f"{module}.py")
    (root / "assignments" / "hw1.toml").write_text('title = "HW1"\nproblems = ["maxout"]\n')
    (root / "assignments" / "hw2.toml").write_text(
        'title = "HW2"\nproblems = ["image-entropy"]\ndue = 2024-09-06T23:59:00+05:30\n'
        '[late]\nper_day = 0.1\ncap = 0.5\n')
    return root


@pytest.fixture
def submissions(tmp_path):
    folder = tmp_path / "submissions"
    for student in ("alice", "bob"):
        (folder / student).mkdir(parents=True)
        shutil.copyfile(REPO / "references" / "maxout.py", folder / student / "maxout.py")
    shutil.copyfile(REPO / "references" / "image_entropy.py", folder / "alice" / "image_entropy.py")
    shutil.copyfile(WRONG_ENTROPY, folder / "bob" / "image_entropy.py")
    return folder


def grades(out: Path) -> dict[str, dict]:
    with open(out / "grades.csv", newline="") as file:
        return {row["student"]: row for row in csv.DictReader(file)}


def test_hw2_after_hw1_in_the_same_folder_gives_hw2_grades(course, submissions, tmp_path):
    out = tmp_path / "grades"
    first = invoke("grade-all", submissions, "--out", out, "--course", course, "--assignment", "hw1")
    assert first.exit_code == 0, first.output
    assert {s: (r["score"], r["max_score"]) for s, r in grades(out).items()} == {"alice": ("10", "10"),
                                                                                 "bob": ("10", "10")}
    report = json.loads((out / "alice.json").read_text())
    assert report["grading"]["assignment"] == "hw1" and report["grading"]["problems"] == ["maxout"]
    assert report["grading"]["fingerprint"].startswith("sha256:")

    second = invoke("grade-all", submissions, "--out", out, "--course", course, "--assignment", "hw2")
    assert second.exit_code == 0, second.output
    assert "graded 2 student(s), 0 already graded" in second.output
    assert "graded again" in second.output
    rows = grades(out)
    assert {s: (r["score"], r["max_score"]) for s, r in rows.items()} == {"alice": ("10", "10"), "bob": ("3", "10")}
    assert "maxout" not in rows["alice"] and rows["bob"]["image-entropy"] == "3"
    assert json.loads((out / "bob.json").read_text())["grading"]["assignment"] == "hw2"

    again = invoke("grade-all", submissions, "--out", out, "--course", course, "--assignment", "hw2")
    assert "graded 0 student(s), 2 already graded" in again.output


def test_changed_checks_or_another_selection_regrade(course, submissions, tmp_path):
    out = tmp_path / "grades"
    invoke("grade-all", submissions, "--out", out, "--course", course, "--problem", "maxout")
    same = invoke("grade-all", submissions, "--out", out, "--course", course, "--problem", "maxout")
    assert "graded 0 student(s), 2 already graded" in same.output

    checks = course / "problems" / "maxout" / "hidden_checks.py"
    checks.write_text(checks.read_text() + "\n# a TA's fix\n")
    changed = invoke("grade-all", submissions, "--out", out, "--course", course, "--problem", "maxout")
    assert "graded 2 student(s), 0 already graded" in changed.output and "graded again" in changed.output

    wider = invoke("grade-all", submissions, "--out", out, "--course", course)
    assert "graded 2 student(s), 0 already graded" in wider.output
    assert set(grades(out)["bob"]) >= {"maxout", "image-entropy"}


def test_lateness_comes_from_submissions_csv_and_shows_in_report_and_csv(course, submissions, tmp_path):
    out = tmp_path / "grades"
    (submissions / "submissions.csv").write_text("student,submitted_at\n"
                                                 "alice,2024-09-08T10:00:00+05:30\n"  # 2 started days late
                                                 "bob,2024-09-06T20:00:00+05:30\n")  # on time
    result = invoke("grade-all", submissions, "--out", out, "--course", course, "--assignment", "hw2")
    assert result.exit_code == 0, result.output
    rows = grades(out)
    assert (rows["alice"]["score"], rows["alice"]["late_penalty"]) == ("8", "0.2")
    assert (rows["bob"]["score"], rows["bob"]["late_penalty"]) == ("3", "0")
    late = json.loads((out / "alice.json").read_text())["late"]
    assert late == {"submitted_at": "2024-09-08T10:00:00+05:30", "days_late": 2, "penalty": 0.2,
                    "score_before_penalty": 10.0}

    # a corrected time is a different grading: that student only is graded again
    (submissions / "submissions.csv").write_text("student,submitted_at\nalice,2024-09-06T23:00:00+05:30\n"
                                                 "bob,2024-09-06T20:00:00+05:30\n")
    fixed = invoke("grade-all", submissions, "--out", out, "--course", course, "--assignment", "hw2")
    assert "graded 1 student(s), 1 already graded" in fixed.output
    assert grades(out)["alice"]["score"] == "10"


def test_without_a_manifest_no_penalty_is_applied_and_a_bad_one_is_named(course, submissions, tmp_path):
    plain = invoke("grade-all", submissions, "--out", tmp_path / "a", "--course", course, "--assignment", "hw2")
    assert "no late penalty is applied" in plain.output
    assert grades(tmp_path / "a")["alice"]["score"] == "10"
    (submissions / "submissions.csv").write_text("student,submitted_at\nalice,last friday\n")
    bad = runner.invoke(app, ["grade-all", str(submissions), "--out", str(tmp_path / "b"), "--course", str(course),
                              "--assignment", "hw2"])
    assert bad.exit_code == 2 and "line 2" in bad.output and "not an ISO 8601 time" in bad.output
