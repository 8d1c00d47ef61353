"""Layer settings for the checks: valid convolutions and transposed convolutions."""

from hypothesis import strategies as st

# A DCGAN generator for 32x32 images: z as a 1x1 map, then kernel-4 transposed convolutions.
GENERATOR_CHAIN = [  # (input side, kernel, stride, padding, output side)
    (1, 4, 1, 0, 4),
    (4, 4, 2, 1, 8),
    (8, 4, 2, 1, 16),
    (16, 4, 2, 1, 32),
]
# Its discriminator mirrors it with convolutions, down to one logit.
DISCRIMINATOR_CHAIN = [(32, 4, 2, 1, 16), (16, 4, 2, 1, 8), (8, 4, 2, 1, 4), (4, 4, 1, 0, 1)]
# The lecture's pooling slide: a 2x2 window with stride 2 takes the 4x4 image to 2x2.
POOLING_WINDOW = (4, 2, 2, 0, 2)
# (in_channels, out_channels, kernel, bias, parameters)
PARAMETER_COUNTS = [
    (3, 64, 3, True, 1792),  # 64·3·3·3 weights + 64 biases
    (3, 64, 3, False, 1728),
    (100, 512, 4, True, 819_712),  # the DCGAN generator's first layer, 100 → 512 channels
    (100, 512, 4, False, 819_200),
]


@st.composite
def conv_settings(draw):
    """``dict(size, kernel, stride, padding, dilation)`` for which a convolution has an output."""
    kernel, stride = draw(st.integers(1, 7)), draw(st.integers(1, 4))
    padding, dilation = draw(st.integers(0, 3)), draw(st.integers(1, 3))
    smallest = max(1, dilation * (kernel - 1) + 1 - 2 * padding)
    size = draw(st.integers(smallest, smallest + 40))
    return dict(size=size, kernel=kernel, stride=stride, padding=padding, dilation=dilation)


@st.composite
def transpose_settings(draw):
    """``dict(size, kernel, stride, padding, output_padding, dilation)`` valid for ConvTranspose2d.

    torch asks output_padding < max(stride, dilation) and a positive output side.
    """
    kernel, stride = draw(st.integers(1, 7)), draw(st.integers(1, 4))
    padding, dilation = draw(st.integers(0, 3)), draw(st.integers(1, 3))
    output_padding = draw(st.integers(0, max(stride, dilation) - 1))
    size = draw(st.integers(1, 40))
    if (size - 1) * stride - 2 * padding + dilation * (kernel - 1) + output_padding + 1 < 1:
        size += 2 * padding  # enough rows to survive the padding
    return dict(size=size, kernel=kernel, stride=stride, padding=padding,
                output_padding=output_padding, dilation=dilation)


@st.composite
def parameter_settings(draw):
    """``dict(in_channels, out_channels, kernel, bias)``."""
    return dict(in_channels=draw(st.integers(1, 512)), out_channels=draw(st.integers(1, 512)),
                kernel=draw(st.integers(1, 7)), bias=draw(st.booleans()))
