"""Every problem: the references earn full marks, every wrong submission loses exactly its points.

The rules live in ``gradekit.grading.validation`` (``gradekit validate`` runs the same ones).
"""

from pathlib import Path

import pytest

from gradekit.grading.problem import discover
from gradekit.grading.validation import (every_check_is_failed_by_some_wrong_case, points_add_up,
                                         reference_scores_full_marks, wrong_case_loses_exactly_its_points,
                                         wrong_cases)

REPO = Path(__file__).resolve().parents[2]
PROBLEMS = discover(REPO / "problems")
WRONG = [(p, case) for p in PROBLEMS for case in wrong_cases(p)]


def assert_holds(finding):
    assert finding.ok, f"{finding.problem_id}: {finding.rule}: {finding.detail}"


@pytest.mark.parametrize("problem", PROBLEMS, ids=lambda p: p.id)
def test_checks_add_up_to_the_points_in_problem_toml(problem):
    assert_holds(points_add_up(problem))


@pytest.mark.parametrize("problem", PROBLEMS, ids=lambda p: p.id)
def test_reference_scores_full_marks(problem):
    assert_holds(reference_scores_full_marks(problem, REPO / "references"))


@pytest.mark.parametrize("problem", PROBLEMS, ids=lambda p: p.id)
def test_every_check_is_failed_by_some_wrong_submission(problem):
    assert_holds(every_check_is_failed_by_some_wrong_case(problem))


@pytest.mark.parametrize(("problem", "case"), WRONG, ids=[f"{p.id}/{c.name}" for p, c in WRONG])
def test_wrong_submission_loses_exactly_its_points(problem, case):
    assert_holds(wrong_case_loses_exactly_its_points(problem, case))
