"""Layer settings for the checks: valid convolutions and transposed convolutions.

The main properties draw ordinary layers (an input of side 2 or more, an output of side 2 or more);
single pixels, in or out, are the edge checks' own.
"""

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


def span(kernel: int, dilation: int) -> int:
    """The rows a dilated kernel covers."""
    return dilation * (kernel - 1) + 1


def transpose_side(size, kernel, stride, padding, output_padding, dilation):
    return (size - 1) * stride - 2 * padding + span(kernel, dilation) + output_padding


@st.composite
def conv_settings(draw):
    """``dict(size, kernel, stride, padding, dilation)`` of an ordinary convolution: output side 2 or more."""
    kernel, stride = draw(st.integers(1, 7)), draw(st.integers(1, 4))
    padding, dilation = draw(st.integers(0, 3)), draw(st.integers(1, 3))
    smallest = max(2, span(kernel, dilation) - 2 * padding + stride)  # one stride past a single output
    size = draw(st.integers(smallest, smallest + 40))
    return dict(size=size, kernel=kernel, stride=stride, padding=padding, dilation=dilation)


@st.composite
def single_pixel_conv_settings(draw):
    """Edge: a convolution whose output is a single pixel (the kernel covers the whole padded input)."""
    kernel, stride = draw(st.integers(1, 7)), draw(st.integers(1, 4))
    padding, dilation = draw(st.integers(0, 3)), draw(st.integers(1, 3))
    smallest = max(1, span(kernel, dilation) - 2 * padding)
    size = draw(st.integers(smallest, smallest + stride - 1))  # less than one stride left over: one output
    return dict(size=size, kernel=kernel, stride=stride, padding=padding, dilation=dilation)


@st.composite
def transpose_settings(draw, stride=st.integers(1, 4), least_output_padding=0):
    """``dict(size, kernel, stride, padding, output_padding, dilation)`` valid for ConvTranspose2d.

    torch asks output_padding < max(stride, dilation) and a positive output side; an ordinary
    layer here has an input side of 2 or more and an output side of 2 or more.
    """
    kernel, stride = draw(st.integers(1, 7)), draw(stride)
    padding, dilation = draw(st.integers(0, 3)), draw(st.integers(1, 3))
    output_padding = draw(st.integers(least_output_padding, max(stride, dilation) - 1))
    size = draw(st.integers(2, 40))
    if transpose_side(size, kernel, stride, padding, output_padding, dilation) < 2:
        size += 2 * padding + 1  # enough rows to survive the padding
    return dict(size=size, kernel=kernel, stride=stride, padding=padding,
                output_padding=output_padding, dilation=dilation)


@st.composite
def single_pixel_transpose_settings(draw):
    """Edge: a transposed convolution of a 1x1 input (the DCGAN generator's noise map), any valid settings."""
    kernel, stride, dilation = draw(st.integers(1, 7)), draw(st.integers(1, 4)), draw(st.integers(1, 3))
    output_padding = draw(st.integers(0, max(stride, dilation) - 1))
    padding = draw(st.integers(0, min(3, (span(kernel, dilation) + output_padding - 1) // 2)))  # output >= 1
    return dict(size=1, kernel=kernel, stride=stride, padding=padding, output_padding=output_padding,
                dilation=dilation)


@st.composite
def parameter_settings(draw):
    """``dict(in_channels, out_channels, kernel, bias)``."""
    return dict(in_channels=draw(st.integers(1, 512)), out_channels=draw(st.integers(1, 512)),
                kernel=draw(st.integers(1, 7)), bias=draw(st.booleans()))
