"""Wrong on purpose: its own generator seeded 0: the same noise whatever generator is passed in."""

import torch


def uniform_dequantize(y, generator):
    dtype = y.dtype if y.is_floating_point() else torch.float32
    return y.to(dtype) + torch.rand(y.shape, generator=torch.Generator().manual_seed(0), dtype=dtype)
