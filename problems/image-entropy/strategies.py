"""Images for the checks: integer pixel grids of a given bit depth."""

from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

EXAM_IMAGE = [[0, 1, 2, 3], [4, 5, 6, 7], [7, 6, 5, 4], [3, 2, 1, 0]]


@st.composite
def images(draw, bits=st.integers(1, 8), side=st.integers(1, 8)):
    """An image of ``bits`` bits with its bit depth: ``(image, bits)``."""
    depth = draw(bits)
    shape = (draw(side), draw(side))
    image = draw(hnp.arrays("int64", shape, elements=st.integers(0, 2**depth - 1)))
    return image, depth
