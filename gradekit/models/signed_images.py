"""Images in [0, 1] as the GAN and diffusion models take them, batches in [−1, 1], and back.

Loaders give images (N, H, W) or (N, H, W, C) in [0, 1]; the tanh generators
and the diffusion model work on batches (N, C, H, W) in [−1, 1].
"""

from __future__ import annotations

import numpy as np
import torch
from torch import Tensor


def to_signed(images: np.ndarray) -> Tensor:
    """Images (N, H, W[, C]) in [0, 1] → a tensor (N, C, H, W) in [−1, 1]."""
    array = np.asarray(images, dtype=np.float32)
    array = array[:, None] if array.ndim == 3 else array.transpose(0, 3, 1, 2)  # (N, C, H, W)
    return torch.from_numpy(np.ascontiguousarray(array)) * 2 - 1


def to_unit(images: Tensor | np.ndarray) -> np.ndarray:
    """A batch (N, C, H, W) in [−1, 1] → images in [0, 1], (N, H, W) for one channel, else (N, H, W, C)."""
    array = images.detach().cpu().numpy() if isinstance(images, Tensor) else np.asarray(images)
    array = np.clip((array.astype(np.float32) + 1) / 2, 0.0, 1.0)
    return array[:, 0] if array.shape[1] == 1 else array.transpose(0, 2, 3, 1)
