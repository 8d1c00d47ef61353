"""Wrong on purpose: the mean of two uniforms: right range and mean, wrong (triangular) law."""

import torch


def uniform_dequantize(y, generator):
    dtype = y.dtype if y.is_floating_point() else torch.float32
    u = torch.rand(y.shape, generator=generator, dtype=dtype)
    v = torch.rand(y.shape, generator=generator, dtype=dtype)
    return y.to(dtype) + (u + v) / 2
