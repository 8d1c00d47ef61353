"""Wrong on purpose: centred noise u - 1/2: x leaves its bin [y, y + 1) and averages y."""

import torch


def uniform_dequantize(y, generator):
    dtype = y.dtype if y.is_floating_point() else torch.float32
    return y.to(dtype) + torch.rand(y.shape, generator=generator, dtype=dtype) - 0.5
