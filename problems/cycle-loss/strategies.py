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


def image_shapes():
    """(B, C, H, W) of a small batch."""
    return st.tuples(st.integers(1, 3), st.integers(1, 3), st.integers(1, 4), st.integers(1, 4))


def pixels(shape):
    """Pixels in tanh's range [-1, 1], as a generator outputs them."""
    return hnp.arrays(np.float64, shape, elements=st.floats(-1, 1, allow_subnormal=False))


@st.composite
def cycles(draw):
    """``(x, x_cycled, y, y_cycled)``; the two domains may differ in shape."""
    x_shape, y_shape = draw(image_shapes()), draw(image_shapes())
    return draw(pixels(x_shape)), draw(pixels(x_shape)), draw(pixels(y_shape)), draw(pixels(y_shape))


@st.composite
def cycles_with_errors(draw):
    """Like ``cycles`` but every round trip misses its image by 0.5 in its first pixel."""
    x, x_cycled, y, y_cycled = draw(cycles())
    x_cycled, y_cycled = x_cycled.copy(), y_cycled.copy()  # never edit what hypothesis drew
    x_cycled.flat[0] = x.flat[0] + draw(st.sampled_from([-0.5, 0.5]))
    y_cycled.flat[0] = y.flat[0] + draw(st.sampled_from([-0.5, 0.5]))
    return x, x_cycled, y, y_cycled


def positive_factors():
    """A weight λ, or a factor to scale the cycle errors by."""
    return st.floats(0.1, 100, allow_subnormal=False)
