def conv2d_output_size(size, kernel, stride=1, padding=0, dilation=1):
    return (size + 2 * padding - dilation * (kernel - 1) - 1) // stride + 1


def conv_transpose2d_output_size(size, kernel, stride=1, padding=0, output_padding=0, dilation=1):
    return (size - 1) * stride - 2 * padding + dilation * (kernel - 1) + 1  # output_padding dropped


def conv2d_param_count(in_channels, out_channels, kernel, bias=True):
    return out_channels * in_channels * kernel * kernel + (out_channels if bias else 0)
