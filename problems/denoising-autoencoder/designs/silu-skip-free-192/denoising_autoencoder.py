"""SiLU MLP of 192 units with dropout while training; noise placed through a flat index."""

import torch
from torch import nn


def add_patch_noise(images, patch=8, generator=None):
    count, height, width = images.shape
    if patch > height or patch > width:
        raise ValueError(f"patch={patch} exceeds the image size {height}x{width}")
    top = torch.randint(height - patch + 1, (count,), generator=generator)
    left = torch.randint(width - patch + 1, (count,), generator=generator)
    offsets = torch.arange(patch)
    rows = (top[:, None] + offsets)[:, :, None].expand(count, patch, patch)
    cols = (left[:, None] + offsets)[:, None, :].expand(count, patch, patch)
    which = torch.arange(count)[:, None, None].expand(count, patch, patch)
    noisy = images.clone()
    noisy[which, rows, cols] = torch.rand((count, patch, patch), generator=generator, dtype=images.dtype)
    return noisy


def denoising_loss(denoised, clean):
    return (denoised - clean).square().sum(1).mean()


class DenoisingAutoencoder(nn.Module):
    def __init__(self, input_dim=64):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(input_dim, 192), nn.SiLU(), nn.Dropout(0.1), nn.Linear(192, 96),
                                  nn.SiLU(), nn.Linear(96, 192), nn.SiLU(), nn.Linear(192, input_dim))

    def forward(self, noisy):
        return self.body(noisy).sigmoid()
