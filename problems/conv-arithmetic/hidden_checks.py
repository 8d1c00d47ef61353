"""Hidden checks: agreement with what torch's own layers do, computed on the meta device (no data)."""

import torch
from hypothesis import given

from gradekit.grading.api import check, expect_equal

from .public_checks import call
from .strategies import conv_settings, parameter_settings, transpose_settings


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
def conv_output_matches_torch(student, settings):
    """conv2d_output_size matches the output of torch.nn.Conv2d, dilation included"""
    got, what = call(student, "conv2d_output_size", **settings)
    expect_equal(got, torch_conv_side(**settings), what)


@check(points=1)
@given(settings=transpose_settings())
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
