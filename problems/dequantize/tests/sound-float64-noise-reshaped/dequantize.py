"""Sound, in another style: flat float64 noise reshaped to y's shape, added in float64, then cast."""

import torch
def uniform_dequantize(y, generator):
    u = torch.rand(y.numel(), generator=generator, dtype=torch.float64).reshape(y.shape)
    out = y.double() + u
    return out if y.dtype == torch.float64 else out.to(y.dtype if y.is_floating_point() else torch.float32)
