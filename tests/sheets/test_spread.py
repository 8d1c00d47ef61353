"""Every numeric question family draws well-spread answers.

With seed 7 and 60 students, 28 entropy sheets once had H = 1.0, so writing
"1" earned the largest question half the time. Over 200 students, no single
answer may earn any answer box on more than a tenth of the sheets: an answer
"earns" a sheet when it is within that sheet's tolerance of every number of
its key, which is how marking (and Moodle) would accept it.
"""

import numpy as np
import pytest

from gradekit.sheets.generate import Request, make_quiz
from gradekit.sheets.variants import discover_variants

STUDENTS = [f"student-{i:03d}" for i in range(200)]
MOST_COMMON_SHARE = 0.10


def largest_share_one_answer_earns(boxes) -> tuple[float, tuple]:
    """The largest fraction of ``boxes`` (parts of one id, one per sheet) that a single sheet's key earns."""
    best, best_answer = 0.0, ()
    by_shape: dict[tuple, list] = {}
    for part in boxes:
        by_shape.setdefault(part.shape, []).append(part)
    for parts in by_shape.values():  # a key earns only the sheets whose answer has its shape
        keys = np.array([part.answer for part in parts], dtype=float)  # (sheets, numbers)
        tolerance = np.array([part.tolerance for part in parts])[:, None]  # each sheet's own
        for candidate in keys:
            earned = (np.abs(keys - candidate) <= tolerance + 1e-9).all(axis=1).sum()
            if earned / len(boxes) > best:
                best, best_answer = earned / len(boxes), tuple(candidate)
    return best, best_answer


def test_the_share_counts_answers_within_tolerance_as_the_same():
    from gradekit.sheets.model import Part
    parts = [Part("q1", "x", (v,), (), 0.01, 1) for v in (1.0, 1.005, 2.0, 3.0)]
    assert largest_share_one_answer_earns(parts) == (0.5, (1.0,))


@pytest.mark.parametrize("problem_id", sorted(discover_variants()))
def test_no_answer_earns_more_than_a_tenth_of_200_sheets(problem_id, variants, sample_bank):
    quiz = make_quiz(seed=7, students=STUDENTS, variants=variants, bank=sample_bank,
                     requests=[Request(problem_id, 1)])
    questions = [sheet.questions[0] for sheet in quiz.sheets]
    for boxes in zip(*(question.parts for question in questions)):
        share, answer = largest_share_one_answer_earns(boxes)
        assert share <= MOST_COMMON_SHARE, (f"{problem_id} {boxes[0].id} ({boxes[0].ask}): {answer} earns "
                                            f"{share:.0%} of {len(STUDENTS)} sheets")
