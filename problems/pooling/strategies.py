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
    """A grid, a window and a stride (None for the default) giving at least 2x2 outputs, some windows
    left over at the far edges: ``(x, size, stride)``. One-row outputs are edges with a check of their own."""
    size = draw(st.integers(2, 4))
    stride = draw(st.one_of(st.none(), st.integers(1, 4)))
    step = size if stride is None else stride
    height, width = (size + step * (draw(st.integers(1, 3))) + draw(st.integers(0, step - 1)) for _ in range(2))
    return draw(grid(height, width)), size, stride


@st.composite
def strided_cases(draw):
    """A stride other than the window size (overlapping windows, or gaps between them) on a grid
    the windows tile exactly, so that no window is dropped, at least 2x2 outputs: ``(x, size, stride)``."""
    size = draw(st.integers(2, 4))
    stride = draw(st.integers(1, size + 2).filter(lambda s: s != size))
    rows, columns = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    return draw(grid(size + stride * rows, size + stride * columns)), size, stride


@st.composite
def dropped_window_cases(draw):
    """A non-square grid whose sides the window (odd sizes too) need not divide, for the
    default stride, at least 2x2 outputs: ``(x, size)``; the windows that do not fit are dropped."""
    size = draw(st.integers(2, 4))
    height = draw(st.integers(2 * size, 11))
    width = draw(st.integers(2 * size, 11).filter(lambda w: w != height))
    return draw(grid(height, width)), size


@st.composite
def upsampling_cases(draw):
    """A non-square grid of 2 rows and columns or more, and a scale of 2 to 4: ``(x, scale)``."""
    height = draw(st.integers(2, 5))
    width = draw(st.integers(2, 5).filter(lambda w: w != height))
    return draw(grid(height, width)), draw(st.integers(2, 4))
