"""Public checks: the DCGAN and lecture sizes, and laws tying convolutions to their transposes."""

from hypothesis import given

from gradekit.grading.api import check, expect_equal, expect_int

from .strategies import (DISCRIMINATOR_CHAIN, GENERATOR_CHAIN, PARAMETER_COUNTS, POOLING_WINDOW,
                         conv_settings, parameter_settings, transpose_settings)


def call(student, name, **settings):
    """``student.<name>(**settings)``, checked to be an int."""
    what = f"{name}({', '.join(f'{k}={v!r}' for k, v in settings.items())})"
    return expect_int(student.call(name, **settings), what), what


@check(points=1)
@given(conv=conv_settings(), transpose=transpose_settings(), parameters=parameter_settings())
def returns_ints(student, conv, transpose, parameters):
    """All three functions return ints (sizes floor-divide; they are never floats)"""
    call(student, "conv2d_output_size", **conv)
    call(student, "conv_transpose2d_output_size", **transpose)
    call(student, "conv2d_param_count", **parameters)


@check(points=2)
def dcgan_generator_chain(student):
    """A DCGAN generator grows z from 1x1 to 4x4, 8x8, 16x16 and 32x32 with kernel-4 transposed convs"""
    for size, kernel, stride, padding, expected in GENERATOR_CHAIN:
        got, what = call(student, "conv_transpose2d_output_size", size=size, kernel=kernel, stride=stride,
                         padding=padding)
        expect_equal(got, expected, what)


@check(points=1)
def dcgan_discriminator_chain(student):
    """A DCGAN discriminator shrinks 32x32 to 16, 8, 4 and 1; a 2x2 stride-2 window takes 4x4 to 2x2"""
    for size, kernel, stride, padding, expected in [*DISCRIMINATOR_CHAIN, POOLING_WINDOW]:
        got, what = call(student, "conv2d_output_size", size=size, kernel=kernel, stride=stride, padding=padding)
        expect_equal(got, expected, what)


@check(points=1)
@given(settings=transpose_settings())
def output_padding_adds_to_the_size(student, settings):
    """output_padding adds that many rows to a transposed convolution's output"""
    padded, what = call(student, "conv_transpose2d_output_size", **settings)
    unpadded, _ = call(student, "conv_transpose2d_output_size", **{**settings, "output_padding": 0})
    expect_equal(padded, unpadded + settings["output_padding"], what)


@check(points=1)
@given(settings=transpose_settings())
def transposed_conv_undoes_conv(student, settings):
    """A convolution maps a transposed convolution's output back to its input size (same settings)"""
    settings["output_padding"] %= settings["stride"]  # beyond the stride, output_padding adds a whole step
    grown, _ = call(student, "conv_transpose2d_output_size", **settings)
    conv = {k: v for k, v in settings.items() if k != "output_padding"}
    back, what = call(student, "conv2d_output_size", **{**conv, "size": grown})
    expect_equal(back, settings["size"], what)


@check(points=1)
def parameter_counts(student):
    """Parameters are out·in·k² weights plus out biases: 1792 for 3 → 64 channels with 3x3 kernels"""
    for in_channels, out_channels, kernel, bias, expected in PARAMETER_COUNTS:
        got, what = call(student, "conv2d_param_count", in_channels=in_channels, out_channels=out_channels,
                         kernel=kernel, bias=bias)
        expect_equal(got, expected, what)
