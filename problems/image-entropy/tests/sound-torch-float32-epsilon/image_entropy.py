"""Sound, in another style: torch, float32, every bin of the range with an epsilon inside the log
(empty bins add 0 * log2(1e-12) = 0)."""

import torch


def image_entropy(image):
    pixels = torch.as_tensor(image).flatten().long()
    counts = torch.bincount(pixels - pixels.min()).float()
    p = counts / counts.sum()
    return float(-(p * torch.log2(p + 1e-12)).sum())
