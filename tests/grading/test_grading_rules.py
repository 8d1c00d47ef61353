"""The grading rules every check relies on: NaN and infinity never satisfy, near-misses say by how much,
and a failed precondition stops the problem's other checks."""

import math
from pathlib import Path

import numpy as np
import pytest

from gradekit.grading.api import (CheckFailed, check, expect_between, expect_close, expect_equal, expect_finite,
                                  tensor)
from gradekit.grading.problem import load_problem
from gradekit.grading.runner import grade_submission


def message_of(function, *args, **kwargs) -> CheckFailed:
    with pytest.raises(CheckFailed) as raised:
        function(*args, **kwargs)
    return raised.value


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_non_finite_values_never_satisfy(bad):
    assert "never count as right" in message_of(expect_close, bad, bad, "f(x)").message
    assert "never count as right" in message_of(expect_close, np.array([1.0, bad]), np.array([1.0, bad]), "f").message
    assert "holds" in message_of(expect_close, tensor([[0.0, bad]]), [[0.0, bad]], "f(x)").message
    assert "never count as right" in message_of(expect_equal, [1.0, bad], [1.0, bad], "f(x)").message
    assert "never count as right" in message_of(expect_between, bad, -1e300, 1e300, "f(x)").message
    assert "never count as right" in message_of(expect_finite, (1.0, [2.0, bad]), "f(x)").message


def test_finite_values_still_pass():
    expect_close(np.array([1.0, 2.0]), np.array([1.0, 2.0 + 1e-8]), "f")
    expect_equal([(0, 1), (2, 3)], [(0, 1), (2, 3)], "pairs")
    expect_between(np.array([0.0, 1.0]), 0, 1, "p")
    expect_finite("a string and None are not numbers", "f")


def test_a_near_miss_shows_the_largest_difference_where_it_is_and_the_tolerance():
    got = np.array([[1.0, 2.0], [3.0, 4.00002]])
    failed = message_of(expect_close, got, np.array([[1.0, 2.0], [3.0, 4.0]]), "pool(x)")
    assert "the largest difference is 2e-05, at index (1, 1)" in failed.message
    assert "tolerance 4e-06 = atol 1e-09 + rtol 1e-06" in failed.message
    assert "1 of 4 values" in failed.message
    assert "expected 4.0 there" in failed.detail and "expected 4.0" not in failed.message


def test_a_bound_names_the_value_outside_it():
    assert message_of(expect_between, np.array([0.5, 1.5]), 0, 1, "p").message == "p is 1.5 at index 1, outside [0, 1]"


def test_a_precondition_earns_nothing_and_a_check_earns_something():
    with pytest.raises(ValueError, match="earns nothing"):
        check(points=1, precondition=True)
    with pytest.raises(ValueError, match="positive points"):
        check(points=0)


PRECONDITION_CHECKS = '''
from gradekit.grading.api import check, expect_close, expect_real


@check(points=2)
def doubles_three(student):
    """double(3) is 6"""
    expect_close(expect_real(student.double(3.0), "double(3)"), 6.0, "double(3)")


@check(points=0, precondition=True)
def returns_a_float(student):
    """double returns a real number"""
    expect_real(student.double(1.0), "double(1)")


@check(points=1)
def doubles_zero(student):
    """double(0) is 0"""
    expect_close(expect_real(student.double(0.0), "double(0)"), 0.0, "double(0)")
'''


@pytest.fixture(scope="module")
def doubling(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("problems") / "doubling"
    folder.mkdir()
    (folder / "problem.toml").write_text('title = "Doubling"\npoints = 3\nmodule = "doubling"\nnames = ["double"]\n'
                                         '[limits]\nwall_seconds = 30\n')
    (folder / "public_checks.py").write_text(PRECONDITION_CHECKS)
    return folder


def grade(doubling: Path, tmp_path: Path, body: str):
    (tmp_path / "doubling.py").write_text(f"def double(x):\n    return {body}\n")
    return grade_submission(tmp_path, [load_problem(doubling)]).problems[0]


def test_a_failed_precondition_fails_every_other_check_with_its_reason(doubling, tmp_path):
    result = grade(doubling, tmp_path, "[2 * x]")
    assert result.score == 0 and [c.name for c in result.checks][0] == "returns_a_float"
    others = [c for c in result.checks if c.name != "returns_a_float"]
    assert len(others) == 2
    for failed in others:
        assert "not run: returns_a_float failed: double(1) should be a real number, but it is a list" in failed.message


def test_a_passing_precondition_lets_the_checks_run_and_scores_nothing_itself(doubling, tmp_path):
    result = grade(doubling, tmp_path, "0.0 * x + (6.0 if x == 3 else 1.0)")
    scores = {c.name: (c.passed, c.score, c.max_score) for c in result.checks}
    assert scores == {"returns_a_float": (True, 0, 0), "doubles_three": (True, 2, 2), "doubles_zero": (False, 0, 1)}
