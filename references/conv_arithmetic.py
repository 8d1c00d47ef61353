"""Output sizes and parameter counts of 2-D convolutions (the formulas of torch.nn.Conv2d / ConvTranspose2d).

Dumoulin & Visin 2016, "A guide to convolution arithmetic for deep learning".
Every size is one spatial side of a square input; every division floors.
"""


def conv2d_output_size(size: int, kernel: int, stride: int = 1, padding: int = 0, dilation: int = 1) -> int:
    """⌊(size + 2·padding − dilation·(kernel − 1) − 1) / stride⌋ + 1."""
    return (size + 2 * padding - dilation * (kernel - 1) - 1) // stride + 1


def conv_transpose2d_output_size(size: int, kernel: int, stride: int = 1, padding: int = 0,
                                 output_padding: int = 0, dilation: int = 1) -> int:
    """(size − 1)·stride − 2·padding + dilation·(kernel − 1) + output_padding + 1.

    The inverse of ``conv2d_output_size`` for the same settings; ``output_padding``
    picks among the input sizes that a strided convolution maps to the same output.
    """
    return (size - 1) * stride - 2 * padding + dilation * (kernel - 1) + output_padding + 1


def conv2d_param_count(in_channels: int, out_channels: int, kernel: int, bias: bool = True) -> int:
    """out·in·kernel² weights, plus one bias per output channel when ``bias``."""
    return out_channels * in_channels * kernel * kernel + (out_channels if bias else 0)
