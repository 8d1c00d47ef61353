"""Public checks: the DCGAN and lecture sizes, and laws tying convolutions to their transposes.

Every law is stated where a degenerate function (a constant, the input side unchanged, sizes merely
scaled by the stride) breaks it: output_padding is always at least 1 where it is tested, and both
laws are anchored by layers whose output side is fixed (a kernel as wide as the stride tiles, a
stride-1 kernel-3 layer adds 2).
"""

from hypothesis import example, given
from hypothesis import strategies as st

from gradekit.grading.api import StudentRaised, check, expect_equal, expect_int

from .strategies import (DISCRIMINATOR_CHAIN, GENERATOR_CHAIN, PARAMETER_COUNTS, POOLING_WINDOW,
                         parameter_settings, transpose_settings)

# The worked examples are fixed numbers a table could answer; each check also asks the same layers at a
# drawn side or width (a DCGAN for another image size, another layer), so only the formula scores.
SIDES = st.integers(2, 64)


def call(student, name, **settings):
    """``student.<name>(**settings)``, checked to be an int."""
    what = f"{name}({', '.join(f'{k}={v!r}' for k, v in settings.items())})"
    return expect_int(student.call(name, **settings), what), what


@check(points=0, precondition=True)
def returns_ints(student):
    """All three functions return ints (sizes floor-divide; they are never floats)"""
    calls = [("conv2d_output_size", dict(size=15, kernel=3, stride=2, padding=1, dilation=1)),
             ("conv_transpose2d_output_size", dict(size=7, kernel=3, stride=2, padding=1, output_padding=1,
                                                   dilation=1)),
             ("conv2d_param_count", dict(in_channels=3, out_channels=8, kernel=3, bias=True))]
    for name, settings in calls:
        try:
            call(student, name, **settings)
        except StudentRaised:
            continue  # not written yet, or wrong: that function's own checks say so; this one is about types


@check(points=1, max_examples=10)
@given(side=SIDES)
def dcgan_generator_chain(student, side):
    """A DCGAN generator grows z from 1x1 to 4x4, 8x8, 16x16 and 32x32 with kernel-4 transposed convs
    (and its kernel-4 stride-2 layers double any side)"""
    for size, kernel, stride, padding, expected in [*GENERATOR_CHAIN, (side, 4, 2, 1, 2 * side)]:
        got, what = call(student, "conv_transpose2d_output_size", size=size, kernel=kernel, stride=stride,
                         padding=padding)
        expect_equal(got, expected, what)


@check(points=1, max_examples=10)
@given(side=SIDES)
def dcgan_discriminator_chain(student, side):
    """A DCGAN discriminator shrinks 32x32 to 16, 8, 4 and 1; a 2x2 stride-2 window takes 4x4 to 2x2
    (and its kernel-4 stride-2 layers halve any even side, flooring an odd one)"""
    drawn = [(2 * side, 4, 2, 1, side), (2 * side + 1, 4, 2, 1, side)]
    for size, kernel, stride, padding, expected in [*DISCRIMINATOR_CHAIN, POOLING_WINDOW, *drawn]:
        got, what = call(student, "conv2d_output_size", size=size, kernel=kernel, stride=stride, padding=padding)
        expect_equal(got, expected, what)


@check(points=1)
@given(settings=transpose_settings(stride=st.integers(2, 4), least_output_padding=1))
@example(settings=dict(size=7, kernel=3, stride=2, padding=1, output_padding=1, dilation=1))
def output_padding_adds_to_the_size(student, settings):
    """output_padding (here 1 or more) adds that many rows to a transposed convolution's output"""
    padded, what = call(student, "conv_transpose2d_output_size", **settings)
    unpadded, _ = call(student, "conv_transpose2d_output_size", **{**settings, "output_padding": 0})
    expect_equal(padded, unpadded + settings["output_padding"], what)
    # the anchor: the input side plus output_padding obeys the law too; a kernel as wide as the stride tiles
    size, stride = settings["size"], settings["stride"]
    tiled, what = call(student, "conv_transpose2d_output_size", size=size, kernel=stride, stride=stride,
                       output_padding=1)
    expect_equal(tiled, size * stride + 1, what)


@check(points=1)
@given(settings=transpose_settings())
@example(settings=dict(size=8, kernel=4, stride=2, padding=1, output_padding=0, dilation=1))
def transposed_conv_undoes_conv(student, settings):
    """A convolution maps a transposed convolution's output back to its input size, and the transpose grows it"""
    settings = {**settings, "output_padding": settings["output_padding"] % settings["stride"]}
    grown, _ = call(student, "conv_transpose2d_output_size", **settings)
    conv = {k: v for k, v in settings.items() if k != "output_padding"}
    back, what = call(student, "conv2d_output_size", **{**conv, "size": grown})
    expect_equal(back, settings["size"], what)
    # the anchors: the identity obeys the law too, but a kernel as wide as the stride tiles the output
    # (n -> n * stride -> n); sizes merely scaled by the stride obey it too, but a stride-1 kernel-3 layer
    # grows its input by 2 (n -> n + 2 -> n)
    size, stride = settings["size"], max(2, settings["stride"])
    for kernel, step, grown in ((stride, stride, size * stride), (3, 1, size + 2)):
        got, what = call(student, "conv_transpose2d_output_size", size=size, kernel=kernel, stride=step)
        expect_equal(got, grown, what)
        back, what = call(student, "conv2d_output_size", size=grown, kernel=kernel, stride=step)
        expect_equal(back, size, what)


@check(points=1, max_examples=10)
@given(layer=parameter_settings())
def parameter_counts(student, layer):
    """Parameters are out·in·k² weights plus out biases: 1792 for 3 → 64 channels with 3x3 kernels"""
    drawn = (layer["in_channels"], layer["out_channels"], layer["kernel"], layer["bias"],
             layer["out_channels"] * layer["in_channels"] * layer["kernel"] ** 2
             + (layer["out_channels"] if layer["bias"] else 0))
    for in_channels, out_channels, kernel, bias, expected in [*PARAMETER_COUNTS, drawn]:
        got, what = call(student, "conv2d_param_count", in_channels=in_channels, out_channels=out_channels,
                         kernel=kernel, bias=bias)
        expect_equal(got, expected, what)
