"""Grids for the checks, with window sizes and strides that fit them."""

from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

# The lecture's slide: 2x2 max pooling gives [[13, 22], [17, 4]], average pooling [[7, 15.5], [9, 2.5]].
EXAM_GRID = [[3, 13, 18, 22], [5, 7, 12, 10], [7, 1, 2, 3], [11, 17, 1, 4]]



def grid(height: int, width: int):
    """A float grid of ``height`` x ``width`` halves (so a mean rounded down shows), -20 to 20.

    Drawn as integers and halved afterwards: hypothesis fills an integer array
    several times faster than one whose elements go through ``map``.
    """
    return hnp.arrays("int64", (height, width), elements=st.integers(-40, 40)).map(lambda a: a / 2)


@st.composite
def pooling_cases(draw):
    """Any grid with a window that fits it and a stride, or None for the default: ``(x, size, stride)``."""
    height, width = draw(st.integers(1, 9)), draw(st.integers(1, 9))
    size = draw(st.integers(1, min(height, width)))
    stride = draw(st.one_of(st.none(), st.integers(1, 4)))
    return draw(grid(height, width)), size, stride


@st.composite
def strided_cases(draw):
    """A stride other than the window size (overlapping windows, or gaps between them) on a grid
    the windows tile exactly, so that no window is dropped: ``(x, size, stride)``."""
    size = draw(st.integers(2, 4))
    stride = draw(st.integers(1, size + 2).filter(lambda s: s != size))
    rows, columns = draw(st.integers(0, 3)), draw(st.integers(0, 3))
    return draw(grid(size + stride * rows, size + stride * columns)), size, stride


@st.composite
def dropped_window_cases(draw):
    """A non-square grid whose sides the window (odd sizes too) need not divide, for the
    default stride: ``(x, size)``; the windows that do not fit are dropped."""
    size = draw(st.integers(2, 4))
    height = draw(st.integers(size, 10))
    width = draw(st.integers(size, 10).filter(lambda w: w != height))
    return draw(grid(height, width)), size


@st.composite
def upsampling_cases(draw):
    """A non-square grid and a scale of 2 to 4: ``(x, scale)``."""
    height = draw(st.integers(1, 5))
    width = draw(st.integers(1, 5).filter(lambda w: w != height))
    return draw(grid(height, width)), draw(st.integers(2, 4))
