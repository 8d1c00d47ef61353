"""A sound design other than the reference's: the kernel's span first, math.floor of a true division."""

import math


def conv2d_output_size(size, kernel, stride=1, padding=0, dilation=1):
    span = dilation * (kernel - 1) + 1  # the rows one kernel position covers
    return math.floor((size + 2 * padding - span) / stride) + 1  # math.floor returns an int


def conv_transpose2d_output_size(size, kernel, stride=1, padding=0, output_padding=0, dilation=1):
    span = dilation * (kernel - 1) + 1
    return stride * (size - 1) + span - 2 * padding + output_padding


def conv2d_param_count(in_channels, out_channels, kernel, bias=True):
    return (in_channels * kernel ** 2 + int(bias)) * out_channels
