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
    """Thresholds exact in float32 as in float64 (0.1 is not: a float32 code compared with it is another number)."""
    return st.sampled_from([0.5, 0.0, 0.25, -1.0, 0.125])


def _next_float32(value: float, direction: float) -> float:
    """The float32 next to ``value`` towards ``direction``, as a float64: one step from the threshold that a
    float32 binarize (torch's default dtype) tells apart from it too."""
    return float(np.nextafter(np.float32(value), np.float32(direction)))


@st.composite
def codes_with_threshold(draw, rows=st.integers(2, 6), columns=st.integers(2, 8)):
    """``(codes, threshold)``: 2-D latent codes (ordinary sizes by default), some exactly on the threshold, some
    one float32 step either side of it; every code exact in float32, so computing in float32 is right."""
    threshold = draw(thresholds())
    shape = (draw(rows), draw(columns))
    near = st.sampled_from([threshold, _next_float32(threshold, np.inf), _next_float32(threshold, -np.inf)])
    elements = st.one_of(near, st.floats(-2, 2, allow_subnormal=False, width=32))
    return draw(hnp.arrays(np.float64, shape, elements=elements)), threshold


def bit_matrices(rows=st.integers(2, 8), columns=st.integers(2, 10)):
    """Rows of 0/1 bits, one row per image; two images and two bits or more by default."""
    return st.tuples(rows, columns).flatmap(
        lambda shape: hnp.arrays(np.int64, shape, elements=st.integers(0, 1)))


@st.composite
def bit_strings_and_flips(draw, columns=st.integers(2, 10)):
    """``(a, flipped, k)``: a bit string and a copy with exactly k >= 1 bits flipped."""
    a = draw(bit_matrices(rows=st.just(1), columns=columns))[0]
    positions = draw(st.sets(st.integers(0, a.size - 1), min_size=1))
    flipped = a.copy()
    flipped[list(positions)] ^= 1
    return a, flipped, len(positions)


@st.composite
def single_images_or_bits(draw):
    """Edge: ``(codes, threshold)`` of a single image (1, D) or a single bit per image (N, 1)."""
    if draw(st.booleans()):
        return draw(codes_with_threshold(rows=st.just(1), columns=st.integers(1, 8)))
    return draw(codes_with_threshold(rows=st.integers(1, 6), columns=st.just(1)))


def example_pair(a: list, b: list) -> tuple:
    """An explicit ``bit_strings_and_flips`` example: two bit strings and their distance."""
    a, b = np.array(a), np.array(b)
    return a, b, int((a != b).sum())
