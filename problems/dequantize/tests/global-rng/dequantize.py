"""Wrong on purpose: ignores the generator: torch.rand from the global state, so a seed does not fix x."""

import torch


def uniform_dequantize(y, generator):
    dtype = y.dtype if y.is_floating_point() else torch.float32
    return y.to(dtype) + torch.rand(y.shape, dtype=dtype)
