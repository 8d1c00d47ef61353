"""x = y + 0.5: the middle of every bin, no noise at all (issue 15 measured 6/10 for it)."""

import torch


def uniform_dequantize(y, generator):
    dtype = y.dtype if y.is_floating_point() else torch.float32
    return y.to(dtype) + 0.5
