"""Grading a submission's problems in several processes changes nothing but the time it takes."""

from collections import Counter

import pytest

from gradekit.grading.report import to_json
from gradekit.grading.runner import grade_submission

SPINE = ("image-entropy", "tf-idf", "maxout", "pooling")


@pytest.fixture(scope="module")
def spine(problems):
    return [problems[name] for name in SPINE]


def test_two_processes_give_the_serial_report_in_the_problems_order(repo, spine):
    submission = repo / "examples" / "student"
    serial = grade_submission(submission, spine, jobs=1)
    parallel = grade_submission(submission, spine, jobs=2)
    assert [p.id for p in parallel.problems] == list(SPINE)
    assert to_json(parallel) == to_json(serial)
    assert 0 < parallel.score < parallel.max_score  # partly wrong, so the comparison means something


def test_progress_hears_of_every_check_once_from_every_process(repo, spine):
    heard = Counter()
    report = grade_submission(repo / "references", spine, jobs=3,
                              on_check=lambda problem, result: heard.update([(problem.id, result.name)]))
    assert report.score == report.max_score
    expected = Counter((p.id, c.name) for p in report.problems for c in p.checks)
    assert heard == expected and set(heard.values()) == {1}


def test_more_processes_than_problems_is_fine(repo, spine):
    report = grade_submission(repo / "references", spine[:2], jobs=8)
    assert [p.id for p in report.problems] == list(SPINE[:2])
    assert report.score == report.max_score
