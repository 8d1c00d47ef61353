"""Minibatches of discriminator features f (N, A) and kernel tensors T (A, B, C)."""

import math

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

# The statement's worked example: two samples, A = 1, B = 2 kernels of C = 2 columns.
EXAMPLE_F = [[0.0], [1.0]]
EXAMPLE_T = [[[1.0, 1.0], [0.5, -0.5]]]
# M_0 = 0 and M_1 = T[0]: L1 distances 2 (kernel 0) and 1 (kernel 1), plus the self term 1.
EXAMPLE_FEATURES = [[1 + math.exp(-2), 1 + math.exp(-1)]] * 2


def values(shape):
    return hnp.arrays(np.float64, shape, elements=st.floats(-1, 1, allow_subnormal=False))


@st.composite
def minibatches(draw, samples=st.integers(1, 5)):
    """``(f, T)`` with f of shape (N, A) and T of shape (A, B, C)."""
    n, a, b, c = draw(samples), draw(st.integers(1, 4)), draw(st.integers(1, 4)), draw(st.integers(1, 4))
    return draw(values((n, a))), draw(values((a, b, c)))


@st.composite
def identical_minibatches(draw):
    """``(f, T)`` where the N rows of f are one sample repeated."""
    f, T = draw(minibatches(samples=st.just(1)))
    return np.repeat(f, draw(st.integers(2, 6)), axis=0), T
