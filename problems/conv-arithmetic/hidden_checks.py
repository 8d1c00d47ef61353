"""Hidden checks: agreement with what torch's own layers do, computed on the meta device (no data)."""

import torch
from hypothesis import example, given

from gradekit.grading.api import check, expect_equal

from .public_checks import call
from .strategies import (conv_settings, parameter_settings, single_pixel_conv_settings,
                         single_pixel_transpose_settings, transpose_settings)


def torch_conv_side(size, kernel, stride, padding, dilation):
    """The side of torch.nn.functional.conv2d's output for a square 1-channel input."""
    x = torch.empty(1, 1, size, size, device="meta")  # (N, C, H, W): shapes only, no memory
    w = torch.empty(1, 1, kernel, kernel, device="meta")
    return torch.nn.functional.conv2d(x, w, stride=stride, padding=padding, dilation=dilation).shape[-1]


def torch_transpose_side(size, kernel, stride, padding, output_padding, dilation):
    """The side of torch.nn.functional.conv_transpose2d's output for a square 1-channel input."""
    x = torch.empty(1, 1, size, size, device="meta")
    w = torch.empty(1, 1, kernel, kernel, device="meta")  # (C_in, C_out, kH, kW)
    return torch.nn.functional.conv_transpose2d(x, w, stride=stride, padding=padding,
                                                output_padding=output_padding, dilation=dilation).shape[-1]


@check(points=1)
@given(settings=conv_settings())
@example(settings=dict(size=9, kernel=3, stride=2, padding=1, dilation=2))
def conv_output_matches_torch(student, settings):
    """conv2d_output_size matches the output of torch.nn.Conv2d, dilation included"""
    got, what = call(student, "conv2d_output_size", **settings)
    expect_equal(got, torch_conv_side(**settings), what)


@check(points=1)
@given(settings=transpose_settings())
@example(settings=dict(size=5, kernel=3, stride=2, padding=1, output_padding=1, dilation=2))
def transpose_output_matches_torch(student, settings):
    """conv_transpose2d_output_size matches the output of torch.nn.ConvTranspose2d"""
    got, what = call(student, "conv_transpose2d_output_size", **settings)
    expect_equal(got, torch_transpose_side(**settings), what)


@check(points=1)
@given(settings=parameter_settings())
def param_count_matches_torch(student, settings):
    """conv2d_param_count matches the number of parameters of torch.nn.Conv2d"""
    got, what = call(student, "conv2d_param_count", **settings)
    layer = torch.nn.Conv2d(settings["in_channels"], settings["out_channels"], settings["kernel"],
                            bias=settings["bias"], device="meta")
    expect_equal(got, sum(p.numel() for p in layer.parameters()), what)


@check(points=1)
@given(settings=single_pixel_transpose_settings())
@example(settings=dict(size=1, kernel=4, stride=2, padding=1, output_padding=1, dilation=1))
def transpose_of_a_single_pixel_matches_torch(student, settings):
    """Edge: a transposed convolution of a 1x1 input matches torch, padding and output_padding included"""
    got, what = call(student, "conv_transpose2d_output_size", **settings)
    expect_equal(got, torch_transpose_side(**settings), what)


@check(points=1)
@given(settings=single_pixel_conv_settings())
@example(settings=dict(size=5, kernel=3, stride=4, padding=1, dilation=2))
def conv_down_to_a_single_pixel_matches_torch(student, settings):
    """Edge: a convolution whose kernel covers the whole padded input gives a single pixel, as torch does"""
    got, what = call(student, "conv2d_output_size", **settings)
    expect_equal(got, torch_conv_side(**settings), what)
