"""Hidden checks: agreement with the reference on soft predictions, and the default split count."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from gradekit.calc.inception_score import inception_score as reference
from gradekit.grading.api import check, expect_close, expect_true

from .public_checks import MEAN, STD
from .strategies import SEEDS, expect_score, predictions_and_splits, probabilities


@check(points=2)
@given(value=predictions_and_splits())
def matches_reference_on_soft_predictions(student, value):
    """Mean and std match the reference on soft predictions with zeros and uneven splits"""
    probs, splits = value
    mean, std = expect_score(student.inception_score(probs, splits), f"inception_score(probs, {splits})")
    want_mean, want_std = reference(probs, splits)
    expect_close(mean, want_mean, f"inception_score(probs, {splits})[0]", **MEAN)
    expect_close(std, want_std, f"inception_score(probs, {splits})[1]", **STD)


@check(points=1, max_examples=10)
@given(seed=SEEDS, rows=st.integers(20, 40))
def default_is_ten_splits(student, seed, rows):
    """inception_score(probs) is inception_score(probs, splits=10), between 1 and 5 for soft predictions that differ"""
    probs = probabilities(np.random.default_rng(seed), rows, 5)
    default = expect_score(student.inception_score(probs), "inception_score(probs)")
    expect_true(1 + 1e-6 < default[0] < 5 - 1e-6,  # the anchor: constants (1, or the class count) fail here
                f"inception_score(probs) = {default[0]!r}, but soft predictions over 5 classes that differ within "
                f"each split score above 1 and below 5")
    ten = expect_score(student.inception_score(probs, 10), "inception_score(probs, 10)")
    expect_close(np.array(default), np.array(ten), "inception_score(probs) vs inception_score(probs, 10)",
                 rtol=1e-12, atol=1e-12)
