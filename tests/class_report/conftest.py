"""The synthetic class of ``synthetic_class``, graded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from synthetic_class import CLASS, QUICK, WRONG_KEY, break_checks, copy_problem, make_class


@pytest.fixture(scope="session")
def graded_class(tmp_path_factory) -> Path:
    """The class graded by ``grade_class``: the folder of its reports (what ``grade-all --out`` holds)."""
    from gradekit.grading.batch import grade_class
    from gradekit.grading.problem import load_problem

    root = tmp_path_factory.mktemp("class-report")
    problems = root / "problems"
    copy_problem(problems, QUICK)
    break_checks(copy_problem(problems, WRONG_KEY))
    make_class(root / "class")
    result = grade_class(root / "class", root / "out", [load_problem(problems / QUICK),
                                                        load_problem(problems / WRONG_KEY)], workers=2)
    assert result.grader_errors == [] and sorted(result.graded) == sorted(CLASS)
    return root / "out"


@pytest.fixture(scope="session")
def class_problems_dir(graded_class) -> Path:
    return graded_class.parent / "problems"
