"""Inputs for the checks: vectors and batches whose length the unit count divides, or does not."""

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

EXAM_INPUT = [3, -1, 2, 6, 4, 5, -2, 0, 1, 7, 9, 8]  # 12 inputs, 4 units of 3 pieces -> [3, 6, 1, 9]
EXAM_UNITS = 4



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
