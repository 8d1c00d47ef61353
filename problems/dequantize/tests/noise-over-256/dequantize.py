"""Wrong on purpose: divides the noise by 256 (the scale of pixels in [0, 1]): noise of mean 1/512."""

import torch


def uniform_dequantize(y, generator):
    dtype = y.dtype if y.is_floating_point() else torch.float32
    return y.to(dtype) + torch.rand(y.shape, generator=generator, dtype=dtype) / 256
