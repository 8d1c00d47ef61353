"""A sound design other than the reference's: count the kernel's positions; spread each input pixel for the transpose."""


def conv2d_output_size(size, kernel, stride=1, padding=0, dilation=1):
    padded = size + 2 * padding
    span = dilation * (kernel - 1) + 1
    return len(range(0, padded - span + 1, stride))  # the positions where the whole kernel fits


def conv_transpose2d_output_size(size, kernel, stride=1, padding=0, output_padding=0, dilation=1):
    last_start = (size - 1) * stride  # where the last input pixel's kernel copy starts
    full = last_start + dilation * (kernel - 1) + 1  # every copy laid down
    return full - 2 * padding + output_padding  # padding crops both sides; output_padding adds to one


def conv2d_param_count(in_channels, out_channels, kernel, bias=True):
    weights = sum(in_channels * kernel * kernel for _ in range(out_channels))  # one filter per output channel
    return weights + (out_channels if bias else 0)
