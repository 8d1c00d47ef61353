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
# An ordinary minibatch (every size at least 2) for explicit examples: three samples, A = 2, B = 3, C = 2.
ORDINARY_F = np.array([[0.5, -1.0], [0.25, 0.75], [-0.5, 0.0]])
ORDINARY_T = np.linspace(-1, 1, 2 * 3 * 2).reshape(2, 3, 2)

ORDINARY = st.integers(2, 4)

# Features and gradients are compared to float32 accuracy: torch's default dtype (an accumulator made with
# torch.zeros, inputs cast with .float()) is right, while every wrong convention is off by far more.
FEATURE_TOLERANCE = {"rtol": 1e-5, "atol": 1e-6}
GRADIENT_TOLERANCE = {"rtol": 1e-4, "atol": 1e-6}


def values(shape):
    """Entries in [-1, 1] on a grid of 1/64: exact in float32 as in float64, and so are the products and sums
    that make M, so a distance is 0 (where |x|' is 0) in one dtype exactly when it is in the other. (Drawn as
    floats, 1e-200 became 0 in float32 and a float32 answer lost its gradient.)"""
    return hnp.arrays(np.int64, shape, elements=st.integers(-64, 64)).map(lambda a: a / 64)


@st.composite
def minibatches(draw, samples=st.integers(2, 5), features=ORDINARY, kernels=ORDINARY, columns=ORDINARY):
    """``(f, T)`` with f of shape (N, A) and T of shape (A, B, C); ordinary sizes (2 or more) by default."""
    n, a, b, c = draw(samples), draw(features), draw(kernels), draw(columns)
    return draw(values((n, a))), draw(values((a, b, c)))


@st.composite
def minibatches_with_a_side_of_one(draw):
    """Edge: ``(f, T)`` of N >= 2 samples where A (one feature), B (one kernel) or C (one column) is 1."""
    sizes = [draw(st.integers(1, 4)) for _ in range(3)]
    for axis in draw(st.sets(st.integers(0, 2), min_size=1)):
        sizes[axis] = 1
    return draw(minibatches(features=st.just(sizes[0]), kernels=st.just(sizes[1]), columns=st.just(sizes[2])))


@st.composite
def identical_minibatches(draw):
    """``(f, T)`` where the N rows of f are one sample repeated."""
    f, T = draw(minibatches(samples=st.just(1)))
    return np.repeat(f, draw(st.integers(2, 6)), axis=0), T
