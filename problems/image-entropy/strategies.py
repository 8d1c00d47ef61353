"""Images for the checks: integer pixel grids of a given bit depth, and the anchors laws are stated with."""

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from gradekit.grading.api import expect_real, expect_true

EXAM_IMAGE = [[0, 1, 2, 3], [4, 5, 6, 7], [7, 6, 5, 4], [3, 2, 1, 0]]
TWO_VALUES = np.array([[0, 1], [1, 0]])  # 1 bit
FOUR_VALUES = np.array([[0, 1], [2, 3]])  # 2 bits


@st.composite
def images(draw, bits=st.integers(1, 8), side=st.integers(2, 8)):
    """An image of ``bits`` bits with its bit depth: ``(image, bits)``; at least 2x2 (edges have their own checks)."""
    depth = draw(bits)
    shape = (draw(side), draw(side))
    image = draw(hnp.arrays("int64", shape, elements=st.integers(0, 2**depth - 1)))
    return image, depth


def entropy(student, image, what: str = "image_entropy(image)") -> float:
    return expect_real(student.image_entropy(np.asarray(image)), what)


def expect_more_spread_means_more_entropy(student) -> None:
    """The anchor of the laws below: four equally frequent values carry more entropy than two, and two more
    than none (zero, a constant or NaN fail it, whatever the log's base)."""
    two = entropy(student, TWO_VALUES, "image_entropy([[0, 1], [1, 0]])")
    four = entropy(student, FOUR_VALUES, "image_entropy([[0, 1], [2, 3]])")
    expect_true(0 < two < four, f"image_entropy gives {two!r} for [[0, 1], [1, 0]] and {four!r} for "
                                f"[[0, 1], [2, 3]]: an image of four equally frequent values should have more "
                                f"entropy than one of two, and that more than 0")
