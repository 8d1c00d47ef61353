"""Uniform dequantization: discrete pixel values made continuous for a flow model."""

import torch
from torch import Tensor


def uniform_dequantize(y: Tensor, generator: torch.Generator) -> Tensor:
    """x = y + u with u ~ U[0, 1) drawn from ``generator``, elementwise; x has y's shape.

    Theis et al. 2016 (Sec. 3.1), Ho et al. 2019 (Flow++, Sec. 3.1): adding uniform noise
    spreads each integer y over its bin [y, y + 1). x is floating point: y's dtype when
    y is floating, torch's default float dtype (float32) when y holds integers.
    """
    dtype = y.dtype if y.is_floating_point() else torch.get_default_dtype()
    u = torch.rand(y.shape, generator=generator, dtype=dtype)  # U[0, 1), y's shape
    return y.to(dtype) + u
