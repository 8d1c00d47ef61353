"""Wrong on purpose: sizes that never change but for output_padding, which obey the output_padding law and the round trip."""


def conv2d_output_size(size, kernel, stride=1, padding=0, dilation=1):
    return size


def conv_transpose2d_output_size(size, kernel, stride=1, padding=0, output_padding=0, dilation=1):
    return size + output_padding


def conv2d_param_count(in_channels, out_channels, kernel, bias=True):
    return out_channels * in_channels * kernel * kernel + (out_channels if bias else 0)
