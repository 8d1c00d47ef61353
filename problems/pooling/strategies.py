"""Grids for the checks, with window sizes and strides that fit them."""

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

# The lecture's slide: 2x2 max pooling gives [[13, 22], [17, 4]], average pooling [[7, 15.5], [9, 2.5]].
EXAM_GRID = [[3, 13, 18, 22], [5, 7, 12, 10], [7, 1, 2, 3], [11, 17, 1, 4]]
EXAM_BLOCKS = [[EXAM_GRID[r + i][c + j] for i in (0, 1) for j in (0, 1)] for r in (0, 2) for c in (0, 2)]


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


@st.composite
def lecture_grids(draw):
    """The lecture's grid with its four 2x2 blocks in a drawn order, and each block's four values shuffled:
    ``(grid, max pooled, average pooled)``. Shrunk, it is the lecture's own grid and answers; drawn, a
    table of the worked example does not find it."""
    order = draw(st.permutations(range(4)))
    grid, maxima, means = np.zeros((4, 4)), np.zeros((2, 2)), np.zeros((2, 2))
    for position, block in enumerate(order):
        r, c = divmod(position, 2)
        values = [EXAM_BLOCKS[block][i] for i in draw(st.permutations(range(4)))]
        grid[2 * r:2 * r + 2, 2 * c:2 * c + 2] = np.reshape(values, (2, 2))
        maxima[r, c], means[r, c] = max(values), sum(values) / 4
    return grid, maxima, means


def ramp(shape) -> np.ndarray:
    """x[i, j] = 2 (i W + j): every window's largest value is its last corner and its mean (a whole number,
    so integer division gets it too) the value at its centre, whatever the size and stride."""
    height, width = shape
    return 2.0 * np.arange(height * width).reshape(height, width)


def pooled_ramp(name: str, shape, size: int, step: int) -> np.ndarray:
    """What ``name`` gives for ``ramp(shape)`` (see ``ramp``), worked out without pooling anything."""
    height, width = shape
    rows = np.arange((height - size) // step + 1)[:, None] * step  # each window's first row and column
    columns = np.arange((width - size) // step + 1)[None, :] * step
    offset = size - 1 if name == "max_pool2d" else (size - 1) / 2
    return 2.0 * ((rows + offset) * width + columns + offset)
