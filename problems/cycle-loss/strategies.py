"""Image batches for the checks: real images and their round trips through both generators."""

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

# The statement's worked example: one 1-channel 2x2 image per domain.
EXAMPLE_X = [[[[0.5, -0.5], [1.0, 0.0]]]]
EXAMPLE_X_CYCLED = [[[[0.5, 0.5], [-1.0, 0.0]]]]  # |errors| 0, 1, 2, 0: mean 0.75
EXAMPLE_Y = [[[[0.2, 0.4], [0.6, 0.8]]]]
EXAMPLE_Y_CYCLED = [[[[0.0, 0.4], [0.6, 1.0]]]]  # |errors| 0.2, 0, 0, 0.2: mean 0.1
EXAMPLE_LOSS = 10.0 * (0.75 + 0.1)

# Explicit examples of ordinary batches (two images, every side at least 2) where each wrong
# convention shows: errors of different sizes in both directions, domains of different shapes.
ORDINARY_X = np.linspace(-1, 1, 2 * 2 * 2 * 3).reshape(2, 2, 2, 3)  # (B, C, H, W)
ORDINARY_Y = np.linspace(1, -1, 2 * 3 * 2 * 2).reshape(2, 3, 2, 2)
ORDINARY_ERRORS = (ORDINARY_X, ORDINARY_X + np.where(ORDINARY_X > 0, -0.25, 0.5),
                   ORDINARY_Y, ORDINARY_Y + np.where(ORDINARY_Y > 0, 0.75, -0.125))
# Losses and gradients are compared to float32 accuracy: a loss computed in float32 (nn.L1Loss after .float())
# is right, while every wrong convention (squared error, a sum, one direction, λ) is off by far more.
LOSS_TOLERANCE = {"rtol": 1e-5, "atol": 1e-6}

# A degenerate batch: one 1-channel image of a single pixel per domain.
ONE_PIXEL = (np.array([[[[0.5]]]]), np.array([[[[-0.25]]]]), np.array([[[[0.0]]]]), np.array([[[[1.0]]]]))


def image_shapes(side=st.integers(2, 4), count=st.integers(2, 3)):
    """(B, C, H, W) of an ordinary small batch: at least two images, every side at least 2."""
    return st.tuples(count, st.integers(2, 3), side, side)


@st.composite
def degenerate_shapes(draw):
    """(B, C, H, W) with at least one side of 1: one image, one channel, a single row or pixel."""
    shape = list(draw(st.tuples(*[st.integers(1, 3)] * 4)))
    for axis in draw(st.sets(st.integers(0, 3), min_size=1)):
        shape[axis] = 1
    return tuple(shape)


def pixels(shape):
    """Pixels in tanh's range [-1, 1], as a generator outputs them, on a grid of 1/64: exact in float32 as in
    float64, so an error is 0 (where |x|' is 0) in one dtype exactly when it is in the other (drawn as floats,
    x and x_cycled 1e-9 apart became equal in float32 and a float32 loss lost their gradient)."""
    return hnp.arrays(np.int64, shape, elements=st.integers(-64, 64)).map(lambda a: a / 64)


@st.composite
def cycles(draw, shapes=image_shapes()):
    """``(x, x_cycled, y, y_cycled)``; the two domains may differ in shape."""
    x_shape, y_shape = draw(shapes), draw(shapes)
    return draw(pixels(x_shape)), draw(pixels(x_shape)), draw(pixels(y_shape)), draw(pixels(y_shape))


@st.composite
def cycles_with_errors(draw, shapes=image_shapes()):
    """Like ``cycles`` but every round trip misses its image by 0.5 in its first pixel."""
    x, x_cycled, y, y_cycled = draw(cycles(shapes))
    x_cycled, y_cycled = x_cycled.copy(), y_cycled.copy()  # never edit what hypothesis drew
    x_cycled.flat[0] = x.flat[0] + draw(st.sampled_from([-0.5, 0.5]))
    y_cycled.flat[0] = y.flat[0] + draw(st.sampled_from([-0.5, 0.5]))
    return x, x_cycled, y, y_cycled


def positive_factors():
    """A weight λ, or a factor to scale the cycle errors by."""
    return st.floats(0.1, 100, allow_subnormal=False)
