"""Latent codes, bit strings and the statement's worked example."""

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

# The statement's worked example: four images' 6-dimensional latent codes
# (sigmoid outputs). Two values sit exactly on the threshold 0.5.
EXAMPLE_CODES = [[0.91, 0.12, 0.77, 0.50, 0.08, 0.66],
                 [0.85, 0.30, 0.62, 0.41, 0.52, 0.70],
                 [0.10, 0.95, 0.20, 0.88, 0.45, 0.05],
                 [0.05, 0.81, 0.49, 0.93, 0.50, 0.73]]
EXAMPLE_BITS = [[1, 0, 1, 0, 0, 1],
                [1, 0, 1, 0, 1, 1],
                [0, 1, 0, 1, 0, 0],
                [0, 1, 0, 1, 0, 1]]
EXAMPLE_DISTANCE_01 = 1
EXAMPLE_PAIRS = [(0, 1), (2, 3)]  # at most 1 bit apart


def thresholds():
    return st.sampled_from([0.5, 0.0, 0.25, -1.0, 0.1])


@st.composite
def codes_with_threshold(draw):
    """``(codes, threshold)``: 2-D latent codes, some of them exactly on the threshold."""
    threshold = draw(thresholds())
    shape = (draw(st.integers(1, 6)), draw(st.integers(1, 8)))
    near = st.sampled_from([threshold, np.nextafter(threshold, np.inf), np.nextafter(threshold, -np.inf)])
    elements = st.one_of(near, st.floats(-2, 2, allow_subnormal=False))
    return draw(hnp.arrays(np.float64, shape, elements=elements)), threshold


def bit_matrices(rows=st.integers(1, 8), columns=st.integers(1, 10)):
    """Rows of 0/1 bits, one row per image."""
    return st.tuples(rows, columns).flatmap(
        lambda shape: hnp.arrays(np.int64, shape, elements=st.integers(0, 1)))


@st.composite
def bit_strings_and_flips(draw):
    """``(a, flipped, k)``: a bit string and a copy with exactly k bits flipped."""
    a = draw(bit_matrices(rows=st.just(1)))[0]
    positions = draw(st.sets(st.integers(0, a.size - 1)))
    flipped = a.copy()
    flipped[list(positions)] ^= 1
    return a, flipped, len(positions)
