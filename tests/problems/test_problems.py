"""Every problem: the references earn full marks, every wrong submission loses exactly its points."""

from pathlib import Path

import pytest

from gradekit.grading.problem import discover, validate
from gradekit.grading.runner import grade_submission
from gradekit.tomlfile import read_toml

REPO = Path(__file__).resolve().parents[2]
PROBLEMS = discover(REPO / "problems")
WRONG = [(p, case) for p in PROBLEMS for case in sorted((p.folder / "tests").glob("*/expected.toml"))]


@pytest.mark.parametrize("problem", PROBLEMS, ids=lambda p: p.id)
def test_checks_add_up_to_the_points_in_problem_toml(problem):
    validate(problem)


@pytest.mark.parametrize("problem", PROBLEMS, ids=lambda p: p.id)
def test_reference_scores_full_marks(problem):
    report = grade_submission(REPO / "references", [problem])
    result = report.problems[0]
    failures = [f"{c.name}: {c.message}" for c in result.checks if not c.passed]
    assert failures == []
    assert result.score == problem.points


@pytest.mark.parametrize("problem", PROBLEMS, ids=lambda p: p.id)
def test_every_check_is_failed_by_some_wrong_submission(problem):
    failed = set()
    for case in (problem.folder / "tests").glob("*/expected.toml"):
        failed |= set(read_toml(case)["failed"])
    never_failed = {c.name for c in problem.all_checks()} - failed
    assert not never_failed, f"no wrong submission shows these checks can fail: {sorted(never_failed)}"


@pytest.mark.parametrize(("problem", "case"), WRONG, ids=[f"{p.id}/{c.parent.name}" for p, c in WRONG])
def test_wrong_submission_loses_exactly_its_points(problem, case):
    expected = read_toml(case)
    result = grade_submission(case.parent, [problem]).problems[0]
    failed = sorted(c.name for c in result.checks if not c.passed)
    assert failed == sorted(expected["failed"]), expected["why"]
    assert result.score == pytest.approx(expected["score"]), expected["why"]
    if "status" in expected:
        assert result.status == expected["status"]
