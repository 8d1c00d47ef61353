"""Inputs for the checks: vectors and batches whose length the unit count divides, or does not."""

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

EXAM_INPUT = [3, -1, 2, 6, 4, 5, -2, 0, 1, 7, 9, 8]  # 12 inputs, 4 units of 3 pieces -> [3, 6, 1, 9]
EXAM_UNITS = 4
EXAM_GROUPS = [EXAM_INPUT[i:i + 3] for i in range(0, 12, 3)]  # [3, -1, 2], [6, 4, 5], [-2, 0, 1], [7, 9, 8]


def vectors(shape):
    """Float arrays of whole numbers -50 to 50 (few distinct values, so ties happen too).

    Drawn as integers, converted afterwards: hypothesis fills an integer array
    several times faster than one whose elements go through ``map``.
    """
    return hnp.arrays("int64", shape, elements=st.integers(-50, 50)).map(lambda a: a.astype("float64"))


@st.composite
def layers(draw, batch: bool = False, units=st.integers(2, 6), pieces=st.integers(2, 6)):
    """An input and a unit count that divides its last axis: ``(x, units)``; 2-D when ``batch``.

    Ordinary sizes: 2 units or more of 2 pieces or more, batches of 2 rows or more; one
    unit, or one piece per unit, are edges with checks of their own.
    """
    count, size = draw(units), draw(pieces)
    shape = (draw(st.integers(2, 5)), count * size) if batch else (count * size,)
    return draw(vectors(shape)), count


@st.composite
def indivisible_layers(draw):
    """An input (1-D or 2-D) and a unit count that does not divide its last axis."""
    length = draw(st.integers(2, 24))
    units = draw(st.integers(2, length + 3).filter(lambda u: length % u != 0))
    shape = (draw(st.integers(1, 4)), length) if draw(st.booleans()) else (length,)
    return draw(vectors(shape)), units


@st.composite
def increasing_layers(draw):
    """A strictly increasing vector, so each group's maximum is its last element: ``(x, units)``."""
    units, pieces = draw(st.integers(2, 6)), draw(st.integers(2, 6))
    steps = draw(hnp.arrays("int64", units * pieces, elements=st.integers(1, 9)))
    return np.cumsum(steps).astype("float64"), units


@st.composite
def exam_orders(draw):
    """The exam's input with its groups in a drawn order and each group's pieces shuffled, with its answer:
    ``(x, y)``. Shrunk, it is the exam's own ``x`` and ``[3, 6, 1, 9]``; drawn, a table of the worked example
    does not find it."""
    groups = draw(st.permutations(range(4)))
    x, y = [], []
    for group in groups:
        pieces = EXAM_GROUPS[group]
        x += [pieces[i] for i in draw(st.permutations(range(3)))]
        y.append(max(pieces))
    return np.array(x, dtype=float), np.array(y, dtype=float)


@st.composite
def pair_anchors(draw):
    """``(x, y)``: four distinct whole numbers, the two largest first and last, so that maxout(x, 2) = [x0, x3]
    whether the pairs are consecutive or strided: the anchor of the laws, passed by every fault they are not
    about, failed by a function that returns zeros, its input, or anything but the maxima."""
    values = draw(st.lists(st.integers(-50, 50), min_size=4, max_size=4, unique=True))
    small, large = sorted(values)[:2], sorted(values)[2:]
    first, last = large if draw(st.booleans()) else large[::-1]
    x = np.array([first, *small, last], dtype=float)
    return x, np.array([first, last], dtype=float)
