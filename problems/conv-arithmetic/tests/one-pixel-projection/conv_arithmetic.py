"""Wrong on purpose, at one edge only: a 1x1 input is taken as a linear projection to a kernel x kernel map.

Right for the DCGAN's first layer (padding 0, no output_padding) and for every input of side 2 or more.
"""


def conv2d_output_size(size, kernel, stride=1, padding=0, dilation=1):
    return (size + 2 * padding - dilation * (kernel - 1) - 1) // stride + 1


def conv_transpose2d_output_size(size, kernel, stride=1, padding=0, output_padding=0, dilation=1):
    if size == 1:
        return kernel  # "z is projected to a k x k map": forgets padding, output_padding and dilation
    return (size - 1) * stride - 2 * padding + dilation * (kernel - 1) + output_padding + 1


def conv2d_param_count(in_channels, out_channels, kernel, bias=True):
    return out_channels * in_channels * kernel * kernel + (out_channels if bias else 0)
