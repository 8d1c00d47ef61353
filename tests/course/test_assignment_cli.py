"""``--assignment`` as a user types it: its problems only, its points, its late policy, its visibility."""

import json
from pathlib import Path

from typer.testing import CliRunner

from gradekit.cli import app

runner = CliRunner()
REPO = Path(__file__).resolve().parents[2]


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def test_assignments_lists_every_assignment_with_its_points_and_policy():
    listed = json.loads(invoke("assignments", "--format", "json").stdout)["assignments"]
    exam = next(a for a in listed if a["name"] == "sessional-exam")
    assert exam["problems"] == ["maxout", "image-entropy", "tf-idf"] and exam["points"] == 12
    assert exam["due"] == "2024-04-04T11:00:00+05:00" and "cutoff" in exam["late_policy"]
    assert "sessional-exam" in invoke("assignments").stdout


def test_list_with_an_assignment_shows_its_problems_at_its_points():
    listed = json.loads(invoke("list", "--assignment", "sessional-exam", "--format", "json").stdout)
    assert listed["assignment"]["title"] == "Sessional-II exam: the calculations"
    assert [(p["id"], p["points"]) for p in listed["problems"]] == [("maxout", 2), ("image-entropy", 5),
                                                                    ("tf-idf", 5)]


def test_an_unknown_assignment_or_a_problem_outside_it_is_a_clear_error():
    unknown = runner.invoke(app, ["list", "--assignment", "hw9"])
    assert unknown.exit_code == 2 and "unknown assignment 'hw9'" in unknown.output
    outside = runner.invoke(app, ["grade", str(REPO / "references"), "-a", "sessional-exam", "-p", "pooling"])
    assert outside.exit_code == 2 and "not part of assignment 'sessional-exam'" in outside.output


def test_the_example_graded_under_the_exam_has_no_rows_for_other_assignments():
    """README's main command: the exam's three problems, each graded, none missing."""
    result = invoke("grade", REPO / "examples/student", "--assignment", "sessional-exam", "--format", "json")
    report = json.loads(result.stdout)
    assert [(p["id"], p["status"]) for p in report["problems"]] == [
        ("maxout", "graded"), ("image-entropy", "graded"), ("tf-idf", "graded")]
    assert report["max_score"] == 12
    entropy = next(p for p in report["problems"] if p["id"] == "image-entropy")
    assert entropy["score"] == entropy["max_score"] == 5  # the example's entropy is right
    assert 0 < report["score"] < 12
    assert report["assignment"]["name"] == "sessional-exam" and report["late"]["submitted_at"] is None


def test_check_under_an_assignment_weighs_each_public_check_as_the_grade_does():
    """A check is worth the same in the student's ``check`` as in the instructor's ``grade`` (maxout's 10 points
    are 2 in the exam: its 2-point worked answer weighs 0.4 in both)."""
    checked = json.loads(runner.invoke(app, ["check", str(REPO / "examples/student"), "--assignment",
                                             "sessional-exam", "--format", "json"]).stdout)
    graded = json.loads(invoke("grade", REPO / "examples/student", "--assignment", "sessional-exam",
                               "--format", "json").stdout)
    weights = {(p["id"], c["name"]): c["max_score"] for p in graded["problems"] for c in p["checks"]}
    public = [((p["id"], c["name"]), c["max_score"]) for p in checked["problems"] for c in p["checks"]]
    assert public and all(weight == weights[key] for key, weight in public)
    assert weights[("maxout", "exam_vector_with_4_units_gives_3_6_1_9")] == 0.4
    assert checked["max_score"] < graded["max_score"] == 12  # the public checks' share


def test_a_late_submission_loses_the_policys_share_and_the_report_says_so(tmp_path):
    assignments = tmp_path / "course" / "assignments"
    invoke("init", tmp_path / "course", "--empty")
    (tmp_path / "course" / "problems").rmdir()
    (tmp_path / "course" / "problems").symlink_to(REPO / "problems")
    (tmp_path / "course" / "references").rmdir()
    (tmp_path / "course" / "references").symlink_to(REPO / "references")
    (assignments / "hw.toml").write_text('title = "HW"\nproblems = [{id = "maxout", points = 20}]\n'
                                         'due = 2024-09-06T23:59:00+05:30\nshow_hidden_after_due = true\n'
                                         '[late]\npolicy = "per-day"\nper_day = 0.1\ncap = 0.5\n')
    common = ["--course", tmp_path / "course", "-a", "hw", "--submitted-at", "2024-09-08T09:00:00+05:30"]
    report = json.loads(invoke("grade", REPO / "references", *common, "--format", "json").stdout)
    assert report["late"] == {"submitted_at": "2024-09-08T09:00:00+05:30", "days_late": 2, "penalty": 0.2,
                              "score_before_penalty": 20.0}
    assert report["score"] == 16 and report["max_score"] == 20
    assert sum(c["max_score"] for c in report["problems"][0]["checks"]) == 20  # every check rescaled

    rich = invoke("grade", REPO / "references", *common).stdout
    assert "2 day(s) late" in rich and "-20%" in rich and "16 / 20" in rich

    results = json.loads(invoke("grade", REPO / "references", *common, "--format", "gradescope").stdout)
    assert results["score"] == 16 and "-20%" in results["output"]
    assert {t["visibility"] for t in results["tests"]} == {"visible", "after_due_date"}


def test_submitted_at_needs_an_assignment_and_a_readable_time():
    bare = runner.invoke(app, ["grade", str(REPO / "references"), "--submitted-at", "2024-01-01T00:00:00Z"])
    assert bare.exit_code == 2 and "needs --assignment" in bare.output
    garbled = runner.invoke(app, ["grade", str(REPO / "references"), "-a", "sessional-exam",
                                  "--submitted-at", "yesterday"])
    assert garbled.exit_code == 2 and "not an ISO 8601 time" in garbled.output


def test_check_runs_the_assignments_public_checks_only():
    result = invoke("check", REPO / "references", "--assignment", "sessional-exam", "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert [p["id"] for p in report["problems"]] == ["maxout", "image-entropy", "tf-idf"]
    assert {c["visibility"] for p in report["problems"] for c in p["checks"]} == {"public"}


def test_a_kit_exported_for_an_assignment_checks_that_assignment(tmp_path, monkeypatch):
    assert invoke("export-student", "--out", tmp_path / "kit", "--assignment", "sessional-exam").exit_code == 0
    kit = tmp_path / "kit"
    assert sorted(p.name for p in (kit / "problems").iterdir()) == ["image-entropy", "maxout", "tf-idf"]
    assert (kit / "assignments" / "sessional-exam.toml").is_file() and (kit / "course.toml").is_file()
    (kit / "maxout.py").write_text((REPO / "references" / "maxout.py").read_text())
    monkeypatch.chdir(kit)
    result = invoke("check", "--assignment", "sessional-exam", "--format", "json")
    scores = {p["id"]: (p["score"], p["max_score"]) for p in json.loads(result.stdout)["problems"]}
    assert scores["maxout"][0] == scores["maxout"][1] > 0  # the kit's own problems, found from its folder
    assert scores["tf-idf"][0] == 0  # the starter raises NotImplementedError
