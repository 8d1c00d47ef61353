"""The commands as a user types them: exit codes, JSON shapes, Gradescope's results.json."""

import json
import shutil

import pytest
from typer.testing import CliRunner

from gradekit.cli import app
from gradekit.tomlfile import loads

runner = CliRunner()


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def test_list_json_shows_every_problem_with_its_points(problems):
    result = invoke("list", "--format", "json")
    assert result.exit_code == 0
    listed = {p["id"]: p for p in json.loads(result.stdout)["problems"]}
    assert set(listed) == set(problems)
    assert listed["image-entropy"] == {"id": "image-entropy", "title": "Image entropy", "points": 10.0}


def test_grade_json_has_the_documented_shape(repo):
    result = invoke("grade", repo / "references", "--problem", "image-entropy", "--format", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert set(report) == {"submission", "score", "max_score", "problems"}
    (problem,) = report["problems"]
    assert set(problem) == {"id", "score", "max_score", "status", "checks"}
    assert problem["status"] == "graded" and problem["score"] == problem["max_score"] == 10
    for check in problem["checks"]:
        assert set(check) == {"name", "score", "max_score", "visibility", "passed", "message"}
        assert check["visibility"] in ("public", "hidden")


def test_grade_exits_zero_even_when_everything_fails(tmp_path):
    (tmp_path / "image_entropy.py").write_text("def image_entropy(image):\n    return 'three'\n")
    result = invoke("grade", tmp_path, "--problem", "image-entropy", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["score"] == 0


def test_grade_writes_a_gradescope_results_file(repo, tmp_path, problems):
    target = tmp_path / "results.json"
    case = repo / "problems/image-entropy/tests/natural-log"
    result = invoke("grade", case, "--problem", "image-entropy", "--format", "gradescope", "--output", target)
    assert result.exit_code == 0
    results = json.loads(target.read_text())
    assert results["score"] == loads((case / "expected.toml").read_text())["score"]
    names = {t["name"]: t for t in results["tests"]}
    worked = names["image-entropy: exam_image_has_entropy_three_bits"]
    points = {c.name: c.points for c in problems["image-entropy"].all_checks()}
    assert worked["score"] == 0 and worked["max_score"] == points["exam_image_has_entropy_three_bits"] > 0
    assert worked["visibility"] == "visible"
    assert names["image-entropy: counts_every_level_of_8_bit_images"]["visibility"] == "hidden"


def test_check_runs_public_checks_only_and_fails_with_status_one(repo):
    result = invoke("check", repo / "problems/image-entropy/tests/natural-log", "--problem", "image-entropy",
                    "--format", "json")
    assert result.exit_code == 1
    checks = json.loads(result.stdout)["problems"][0]["checks"]
    assert {c["visibility"] for c in checks} == {"public"}
    assert "counts_every_level_of_8_bit_images" not in result.stdout  # hidden checks are never named


def test_check_passes_with_status_zero_on_a_correct_submission(repo):
    assert invoke("check", repo / "references", "--problem", "image-entropy").exit_code == 0


def test_a_failing_public_check_shows_the_smallest_failing_input(repo, tmp_path):
    shutil.copy(repo / "problems/image-entropy/tests/bins-over-all-levels/image_entropy.py", tmp_path)
    result = invoke("check", tmp_path, "--problem", "image-entropy", "--format", "json")
    messages = [c["message"] for c in json.loads(result.stdout)["problems"][0]["checks"] if not c["passed"]]
    assert any("smallest failing input: value=(array([[0, 0], [0, 0]]), 1)" in m for m in messages)  # ordinary sizes


def test_a_missing_module_is_reported_as_missing(tmp_path):
    result = invoke("grade", tmp_path, "--problem", "image-entropy", "--format", "json")
    problem = json.loads(result.stdout)["problems"][0]
    assert problem["status"] == "missing"
    assert "image_entropy.py is missing" in problem["checks"][0]["message"]


def test_an_unknown_problem_is_a_clear_error(repo):
    result = runner.invoke(app, ["grade", str(repo / "references"), "--problem", "no-such-problem"])
    assert result.exit_code == 2
    assert "unknown problem" in result.output


@pytest.mark.parametrize("fmt", ["rich"])
def test_rich_report_lists_failed_checks_with_their_points(repo, fmt):
    result = invoke("grade", repo / "problems/image-entropy/tests/natural-log", "--problem", "image-entropy")
    assert "exam_image_has_entropy_three_bits" in result.stdout
    assert "3 / 10" in result.stdout


@pytest.mark.filterwarnings("ignore:bubblewrap:RuntimeWarning")
@pytest.mark.parametrize("format", ["rich", "json"])
def test_grading_without_the_sandbox_warns_once_whatever_the_format(repo, monkeypatch, format):
    monkeypatch.setenv("GRADEKIT_NO_BWRAP", "1")
    result = invoke("grade", repo / "references", "--problem", "maxout", "--format", format)
    assert result.exit_code == 0
    # one token, in every wording of the warning (its reason): rich may wrap the sentence anywhere
    assert result.output.count("$GRADEKIT_NO_BWRAP") == 1
    if format == "json":
        assert json.loads(result.stdout)["score"] == 10  # the warning stays out of the JSON
