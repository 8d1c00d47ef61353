"""Inputs for the checks: (mu, logvar, eps) of one random shape, and cotangents for gradients."""

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

SHAPES = hnp.array_shapes(min_dims=1, max_dims=3, min_side=2, max_side=5)  # ordinary: every side >= 2


@st.composite
def shapes_with_a_side_of_one(draw):
    """Degenerate shapes: a batch of one (1, D), one latent dimension (B, 1), a single value (1,), ..."""
    shape = list(draw(hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=4)))
    for axis in draw(st.sets(st.integers(0, len(shape) - 1), min_size=1)):
        shape[axis] = 1
    return tuple(shape)


def floats32(low: float, high: float):
    return st.floats(low, high, width=32)


@st.composite
def gaussian_inputs(draw, shapes=SHAPES, logvar_range=(-6.0, 6.0)):
    """``(mu, logvar, eps)``: float32 arrays of one shape; eps plays a draw from N(0, I)."""
    shape = draw(shapes)
    mu = draw(hnp.arrays(np.float32, shape, elements=floats32(-5.0, 5.0)))
    logvar = draw(hnp.arrays(np.float32, shape, elements=floats32(*logvar_range)))
    eps = draw(hnp.arrays(np.float32, shape, elements=floats32(-4.0, 4.0)))
    return mu, logvar, eps


@st.composite
def inputs_with_cotangent(draw):
    """``(mu, logvar, eps, cotangent)``: the cotangent weighs each output entry in a gradient."""
    mu, logvar, eps = draw(gaussian_inputs())
    cotangent = draw(hnp.arrays(np.float32, mu.shape, elements=floats32(-2.0, 2.0)))
    return mu, logvar, eps, cotangent
