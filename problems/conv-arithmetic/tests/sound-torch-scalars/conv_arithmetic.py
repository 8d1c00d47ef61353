"""Sound: sizes computed on 0-d integer tensors (torch.div with rounding_mode='floor'), returned as tensors."""
import torch
def conv2d_output_size(size, kernel, stride=1, padding=0, dilation=1):
    return torch.div(torch.tensor(size + 2 * padding - dilation * (kernel - 1) - 1), stride, rounding_mode="floor") + 1
def conv_transpose2d_output_size(size, kernel, stride=1, padding=0, output_padding=0, dilation=1):
    return torch.tensor((size - 1) * stride - 2 * padding + dilation * (kernel - 1) + output_padding + 1)
def conv2d_param_count(in_channels, out_channels, kernel, bias=True):
    return torch.tensor(out_channels * in_channels * kernel * kernel + (out_channels if bias else 0))
