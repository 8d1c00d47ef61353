"""Inputs for the checks (class probabilities, confident labels) and the reading of a score."""

import math

import numpy as np
from hypothesis import strategies as st

from gradekit.grading.api import CheckFailed, expect_real, show

SEEDS = st.integers(0, 2**32 - 1)  # numpy draws from a seed: hypothesis shrinks the seed, not every entry


def expect_score(value, what: str) -> tuple[float, float]:
    """A tuple of two real numbers, (mean, std): type before value."""
    if type(value) is not tuple or len(value) != 2:
        raise CheckFailed(f"{what} should be a tuple (mean, std) of two floats, but it is {show(value)}")
    return expect_real(value[0], f"{what}[0], the mean"), expect_real(value[1], f"{what}[1], the std")


def probabilities(rng: np.random.Generator, rows: int, classes: int) -> np.ndarray:
    """``rows`` predictions over ``classes`` classes, many holding exact zeros (0 log 0 = 0)."""
    weights = rng.integers(0, 10, size=(rows, classes)).astype(np.float64)
    weights[np.arange(rows), rng.integers(classes, size=rows)] += 1.0  # no all-zero row
    return weights / weights.sum(axis=1, keepdims=True)


@st.composite
def predictions_and_splits(draw, rows=st.integers(2, 40), classes=st.integers(2, 6), max_splits: int = 10):
    """``(probs, splits)`` with every split at least 2 rows (splits of one row are an edge, checked apart),
    rarely dividing the rows evenly."""
    count = draw(rows)
    probs = probabilities(np.random.default_rng(draw(SEEDS)), count, draw(classes))
    return probs, draw(st.integers(1, min(count // 2, max_splits)))


@st.composite
def confident_labels(draw):
    """``(labels, splits)``: the class each one-hot prediction is sure of, in order, and a split count."""
    splits = draw(st.integers(1, 6))
    labels = draw(st.lists(st.integers(0, 3), min_size=2 * splits, max_size=30))  # 2 rows or more per split
    return labels, splits


def one_hot(labels: list[int], classes: int = 4) -> np.ndarray:
    return np.eye(classes)[labels]


def confident_split_score(labels: list[int]) -> float:
    """For one-hot predictions KL(p(y|x) ‖ p(y)) = −log p(y = label): the score is exp(entropy of the labels)."""
    _, counts = np.unique(labels, return_counts=True)
    frequencies = counts / counts.sum()
    return math.exp(-(frequencies * np.log(frequencies)).sum())


@st.composite
def two_classes(draw):
    """``(classes, a, b, swap)``: two distinct classes a, b of 2 to 6, and whether to swap two rows. The worked
    examples on two predictions are written with them (drawn, so a table of the examples as written earns
    nothing); shrunk, they are the examples as written: 2 classes, a = 0, b = 1, rows in order."""
    classes = draw(st.integers(2, 6))
    a, b = draw(st.permutations(range(classes)))[:2]
    return classes, a, b, draw(st.booleans())


def two_predictions(labels) -> np.ndarray:
    """[[1, 0], [1/2, 1/2]] written over ``labels`` (from ``two_classes``): a sure prediction of class a and an
    even one over a and b, whose score in one split is the same 1.2408 whatever the labels and row order."""
    classes, a, b, swap = labels
    probs = np.zeros((2, classes))
    probs[0, a] = 1.0
    probs[1, [a, b]] = 0.5
    return probs[::-1].copy() if swap else probs


def sure_pairs(labels) -> tuple[np.ndarray, np.ndarray]:
    """Two sure predictions of the classes a and b, and two of a alone (``labels`` from ``two_classes``)."""
    classes, a, b, _ = labels
    return np.eye(classes)[[a, b]], np.eye(classes)[[a, a]]
