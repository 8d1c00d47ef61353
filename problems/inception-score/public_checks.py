"""Public checks: the course's worked answer and laws every inception score obeys."""

import math

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from gradekit.grading.api import check, expect_between, expect_close, expect_true

from .strategies import (
    SEEDS,
    confident_labels,
    confident_split_score,
    expect_score,
    one_hot,
    predictions_and_splits,
    probabilities,
    sure_pairs,
    two_classes,
    two_predictions,
)

# Two predictions over two classes: p(y) = (3/4, 1/4), KL = ln(4/3) and ½ ln(2/3) + ½ ln 2 nats.
TWO_PREDICTIONS = np.array([[1.0, 0.0], [0.5, 0.5]])
TWO_PREDICTIONS_SCORE = math.exp((math.log(4 / 3) + 0.5 * math.log(2 / 3) + 0.5 * math.log(2)) / 2)  # 1.2408
# Scores are compared to float32 accuracy: a score computed in float32 is right, every wrong convention
# (log base, marginal, splits, ddof) is off by far more.
MEAN = {"rtol": 1e-5, "atol": 1e-6}
STD = {"rtol": 1e-5, "atol": 1e-6}


def expect_different_predictions_score_more(student, labels) -> None:
    """An anchor passed whatever the log's base: the two different predictions [[1, 0], [1/2, 1/2]] in one split
    score above 1 (a function answering 1, or (1, 0), everywhere fails). ``labels``: the drawn classes they are
    written with (``two_classes``)."""
    probs = two_predictions(labels)
    what = f"inception_score({probs.tolist()}, 1)"
    together, _ = expect_score(student.inception_score(probs, 1), what)
    expect_between(together, 1 + 1e-6, math.inf, f"{what}[0], two different predictions in one split,")


def expect_two_predictions_score(student, labels) -> None:
    """An anchor on soft predictions: [[1, 0], [1/2, 1/2]] in one split has mean 1.2408 (the std of one split
    is left to the checks about the std). Right only when the confidence term counts, not only the marginal.
    ``labels``: the drawn classes the two predictions are written with (``two_classes``)."""
    probs = two_predictions(labels)
    what = f"inception_score({probs.tolist()}, 1)"
    mean, _ = expect_score(student.inception_score(probs, 1), what)
    expect_close(mean, TWO_PREDICTIONS_SCORE, f"{what}[0]", **MEAN)


@check(points=0, precondition=True)
def returns_a_pair_of_floats(student):
    """inception_score returns a tuple (mean, std) of two floats"""
    expect_score(student.inception_score(TWO_PREDICTIONS, 1), "inception_score([[1, 0], [.5, .5]], 1)")


@check(points=1)
@given(classes=st.integers(2, 10), cycles=st.integers(1, 3), unused=st.integers(1, 3))
def confident_uniform_predictions_over_k_classes_score_k(student, classes, cycles, unused):
    """Sure predictions spread evenly over k classes score k, with std 0 (worked answer), however many classes exist"""
    probs = np.tile(np.eye(classes + unused)[:classes], (10 * cycles, 1))  # k of k + unused columns in use;
    what = (f"inception_score(one-hot predictions cycling over {classes} of {classes + unused} classes, "  # every
            f"splits=10)")  # one of the 10 splits holds each of the k classes equally often
    mean, std = expect_score(student.inception_score(probs, 10), what)
    expect_close(mean, float(classes), f"{what}[0]", **MEAN)
    expect_close(std, 0.0, f"{what}[1]", **STD)


@check(points=1)
@given(seed=SEEDS, classes=st.integers(2, 6), rows=st.integers(4, 30), splits=st.integers(2, 10), labels=two_classes())
def identical_predictions_score_one(student, seed, classes, rows, splits, labels):
    """Every row the same prediction: p(y|x) = p(y), so the score is 1 with std 0 (different ones score more)"""
    probs = np.repeat(probabilities(np.random.default_rng(seed), 1, classes), rows, axis=0)
    splits = min(splits, rows // 2)  # two splits or more (one split is an edge of the std), two rows or more each
    mean, std = expect_score(student.inception_score(probs, splits), f"inception_score(identical rows, {splits})")
    expect_close(mean, 1.0, f"inception_score(identical rows, {splits})[0]", **MEAN)
    expect_close(std, 0.0, f"inception_score(identical rows, {splits})[1]", **STD)
    expect_different_predictions_score_more(student, labels)  # the anchor


@check(points=1)
@given(value=predictions_and_splits(), labels=two_classes())
def score_lies_between_one_and_the_number_of_classes(student, value, labels):
    """1 <= IS <= number of classes, the std (of two splits or more) is not negative, different predictions score more"""
    probs, splits = value
    classes = probs.shape[1]
    mean, std = expect_score(student.inception_score(probs, splits), f"inception_score(probs, {splits})")
    expect_between(mean, 1 - 1e-6, classes + 1e-6, f"inception_score(probs, {splits})[0], the mean")
    if splits > 1:  # the std of a single split is an edge, checked apart
        expect_between(std, 0, math.inf, f"inception_score(probs, {splits})[1], the std")
    different, identical = sure_pairs(labels)
    sure, _ = expect_score(student.inception_score(different, 1), f"inception_score({different.tolist()}, 1)")
    same, _ = expect_score(student.inception_score(identical, 1), f"inception_score({identical.tolist()}, 1)")
    expect_true(sure > same, f"inception_score gives {sure!r} for two different sure predictions and {same!r} "
                             f"for two identical ones: different predictions should score more")  # the anchor


@check(points=1, max_examples=10)
@given(labels=two_classes())
def two_predictions_score_in_nats(student, labels):
    """[[1, 0], [1/2, 1/2]] in one split scores exp((ln 4/3 + ½ ln 2/3 + ½ ln 2) / 2) = 1.2408 (natural log),
    whatever classes the two predictions name"""
    expect_two_predictions_score(student, labels)


@check(points=2, max_examples=12)  # twice the 6 examples a wrong submission needs
@given(value=confident_labels(), anchor=two_classes())
def splits_are_scored_in_order_then_averaged(student, value, anchor):
    """Rows split in order by np.array_split, each split scored with its own p(y); mean and std (ddof = 0)"""
    labels, splits = value
    parts = np.array_split(np.array(labels), splits)
    scores = np.array([confident_split_score(part) for part in parts])
    what = f"inception_score(one-hot predictions of labels {labels}, {splits})"
    mean, std = expect_score(student.inception_score(one_hot(labels), splits), what)
    expect_close(mean, float(scores.mean()), f"{what}[0]", **MEAN)
    expect_close(std, float(scores.std()), f"{what}[1]", **STD)
    expect_two_predictions_score(student, anchor)  # the anchor: right on soft predictions too, not only on sure ones


# Degenerate inputs (decision 4: edges have their own check): one prediction, splits of one row, one class.
EDGES = [(np.array([[0.2, 0.8]]), 1, "one prediction"), (TWO_PREDICTIONS, 2, "two splits of one row each"),
         (np.ones((6, 1)), 3, "one class")]


@check(points=1, max_examples=10)
@given(labels=two_classes())
def one_row_splits_and_one_class_score_one(student, labels):
    """A split of one row, or predictions over one class, carry no information: the score is 1, std 0"""
    for probs, splits, what in EDGES:
        mean, std = expect_score(student.inception_score(probs, splits), f"inception_score({what}, {splits})")
        expect_close(mean, 1.0, f"inception_score({what}, {splits})[0]", **MEAN)
        expect_close(std, 0.0, f"inception_score({what}, {splits})[1]", **STD)
    expect_different_predictions_score_more(student, labels)  # the anchor
