"""Public checks: the course's worked answer and laws every inception score obeys."""

import math

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from gradekit.grading.api import check, expect_between, expect_close, expect_true

from .strategies import (SEEDS, confident_labels, confident_split_score, expect_score, one_hot, predictions_and_splits,
                         probabilities)

# Two predictions over two classes: p(y) = (3/4, 1/4), KL = ln(4/3) and ½ ln(2/3) + ½ ln 2 nats.
TWO_PREDICTIONS = np.array([[1.0, 0.0], [0.5, 0.5]])
TWO_PREDICTIONS_SCORE = math.exp((math.log(4 / 3) + 0.5 * math.log(2 / 3) + 0.5 * math.log(2)) / 2)  # 1.2408


@check(points=0, precondition=True)
def returns_a_pair_of_floats(student):
    """inception_score returns a tuple (mean, std) of two floats"""
    expect_score(student.inception_score(TWO_PREDICTIONS, 1), "inception_score([[1, 0], [.5, .5]], 1)")


@check(points=1)
@given(classes=st.integers(2, 10), cycles=st.integers(1, 3))
def confident_uniform_predictions_over_k_classes_score_k(student, classes, cycles):
    """Sure predictions spread evenly over k classes score k, with std 0 (worked answer)"""
    probs = np.tile(np.eye(classes), (10 * cycles, 1))  # every one of the 10 splits holds each class equally often
    what = f"inception_score(one-hot predictions cycling over {classes} classes, splits=10)"
    mean, std = expect_score(student.inception_score(probs, 10), what)
    expect_close(mean, float(classes), f"{what}[0]", rtol=1e-9)
    expect_close(std, 0.0, f"{what}[1]", atol=1e-9)


@check(points=1)
@given(seed=SEEDS, classes=st.integers(2, 6), rows=st.integers(2, 30), splits=st.integers(1, 10))
def identical_predictions_score_one(student, seed, classes, rows, splits):
    """Every row the same prediction: p(y|x) = p(y), so the score is 1 with std 0"""
    probs = np.repeat(probabilities(np.random.default_rng(seed), 1, classes), rows, axis=0)
    splits = min(splits, rows // 2)  # two rows or more per split
    mean, std = expect_score(student.inception_score(probs, splits), f"inception_score(identical rows, {splits})")
    expect_close(mean, 1.0, f"inception_score(identical rows, {splits})[0]", rtol=1e-9)
    expect_close(std, 0.0, f"inception_score(identical rows, {splits})[1]", atol=1e-9)


@check(points=1)
@given(value=predictions_and_splits())
def score_lies_between_one_and_the_number_of_classes(student, value):
    """1 <= IS <= number of classes, the std is not negative, and different predictions score more than
    identical ones"""
    probs, splits = value
    classes = probs.shape[1]
    mean, std = expect_score(student.inception_score(probs, splits), f"inception_score(probs, {splits})")
    expect_true(1 - 1e-9 <= mean <= classes + 1e-9,
                f"inception_score(probs, {splits}) has mean {mean!r}, outside [1, {classes}]")
    expect_between(std, 0, math.inf, f"inception_score(probs, {splits})[1], the std")
    sure, _ = expect_score(student.inception_score(np.eye(2), 1), "inception_score([[1, 0], [0, 1]], 1)")
    same, _ = expect_score(student.inception_score(np.eye(2)[[0, 0]], 1), "inception_score([[1, 0], [1, 0]], 1)")
    expect_true(sure > same, f"inception_score gives {sure!r} for two different sure predictions and {same!r} "
                             f"for two identical ones: different predictions should score more")  # the anchor


@check(points=1)
def two_predictions_score_in_nats(student):
    """[[1, 0], [1/2, 1/2]] in one split scores exp((ln 4/3 + ½ ln 2/3 + ½ ln 2) / 2) = 1.2408 (natural log)"""
    mean, std = expect_score(student.inception_score(TWO_PREDICTIONS, 1), "inception_score([[1, 0], [.5, .5]], 1)")
    expect_close(mean, TWO_PREDICTIONS_SCORE, "inception_score([[1, 0], [.5, .5]], 1)[0]", rtol=1e-9)
    expect_close(std, 0.0, "inception_score([[1, 0], [.5, .5]], 1)[1]", atol=1e-9)


@check(points=2)
@given(value=confident_labels())
def splits_are_scored_in_order_then_averaged(student, value):
    """Rows split in order by np.array_split, each split scored with its own p(y); mean and std (ddof = 0)"""
    labels, splits = value
    parts = np.array_split(np.array(labels), splits)
    scores = np.array([confident_split_score(part) for part in parts])
    what = f"inception_score(one-hot predictions of labels {labels}, {splits})"
    mean, std = expect_score(student.inception_score(one_hot(labels), splits), what)
    expect_close(mean, float(scores.mean()), f"{what}[0]", rtol=1e-9)
    expect_close(std, float(scores.std()), f"{what}[1]", rtol=1e-7, atol=1e-9)


# Degenerate inputs (decision 4: edges have their own check): one prediction, splits of one row, one class.
EDGES = [(np.array([[0.2, 0.8]]), 1, "one prediction"), (TWO_PREDICTIONS, 2, "two splits of one row each"),
         (np.ones((6, 1)), 3, "one class")]


@check(points=1)
def one_row_splits_and_one_class_score_one(student):
    """A split of one row, or predictions over one class, carry no information: the score is 1, std 0"""
    for probs, splits, what in EDGES:
        mean, std = expect_score(student.inception_score(probs, splits), f"inception_score({what}, {splits})")
        expect_close(mean, 1.0, f"inception_score({what}, {splits})[0]", rtol=1e-9)
        expect_close(std, 0.0, f"inception_score({what}, {splits})[1]", atol=1e-9)
