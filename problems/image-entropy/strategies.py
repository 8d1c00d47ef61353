"""Images for the checks: integer pixel grids of a given bit depth, and the anchors laws are stated with."""

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from gradekit.grading.api import expect_real, expect_true

EXAM_IMAGE = [[0, 1, 2, 3], [4, 5, 6, 7], [7, 6, 5, 4], [3, 2, 1, 0]]

# Entropies are compared to float32 accuracy: an answer computed in float32 (or summed in another order)
# is right, while every wrong convention (log base, bins, frequencies) is off by far more than this.
TOLERANCE = {"rtol": 1e-5, "atol": 1e-6}


def levels(count: int):
    """``count`` distinct 3-bit values, in a drawn order: the labels a worked example is written with, drawn
    afresh so that its answer is computed rather than looked up (shrunk, they are 0, 1, 2, ...: the example
    as written). Within 3 bits, as the exam's image: relabelling keeps the histogram and the bit depth."""
    return st.permutations(range(8)).map(lambda order: order[:count])


@st.composite
def images(draw, bits=st.integers(1, 8), side=st.integers(2, 8)):
    """An image of ``bits`` bits with its bit depth: ``(image, bits)``; at least 2x2 (edges have their own checks)."""
    depth = draw(bits)
    shape = (draw(side), draw(side))
    image = draw(hnp.arrays("int64", shape, elements=st.integers(0, 2**depth - 1)))
    return image, depth


def relabel(image, labels) -> np.ndarray:
    """``image`` (values 0, 1, 2, ...) with value ``i`` written as ``labels[i]``: the same histogram."""
    return np.asarray(labels, dtype=np.int64)[np.asarray(image)]


def entropy(student, image, what: str = "image_entropy(image)") -> float:
    return expect_real(student.image_entropy(np.asarray(image)), what)


def expect_more_spread_means_more_entropy(student, labels) -> None:
    """The anchor of the laws below: four equally frequent values carry more entropy than two, and two more
    than none (zero, a constant or NaN fail it, whatever the log's base). ``labels``: four distinct values."""
    two_values = relabel([[0, 1], [1, 0]], labels)
    four_values = relabel([[0, 1], [2, 3]], labels)
    two = entropy(student, two_values, f"image_entropy({two_values.tolist()})")
    four = entropy(student, four_values, f"image_entropy({four_values.tolist()})")
    expect_true(0 < two < four, f"image_entropy gives {two!r} for {two_values.tolist()} and {four!r} for "
                                f"{four_values.tolist()}: an image of four equally frequent values should have "
                                f"more entropy than one of two, and that more than 0")
