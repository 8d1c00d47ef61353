"""Vectorised patch masks from index grids; a wide leaky-ReLU MLP (512, 128, 512)."""

import torch
import torch.nn.functional as F
from torch import nn


def add_patch_noise(images: torch.Tensor, patch: int = 8, generator=None) -> torch.Tensor:
    n, height, width = images.shape
    if patch > min(height, width):
        raise ValueError(f"a {patch}x{patch} patch does not fit in {height}x{width} images")
    r0 = torch.randint(0, height - patch + 1, (n,), generator=generator)
    c0 = torch.randint(0, width - patch + 1, (n,), generator=generator)
    ys = torch.arange(height)[None, :, None]
    xs = torch.arange(width)[None, None, :]
    mask = ((ys - r0[:, None, None]) >= 0) & ((ys - r0[:, None, None]) < patch) \
        & ((xs - c0[:, None, None]) >= 0) & ((xs - c0[:, None, None]) < patch)
    noise = torch.rand(images.shape, generator=generator, dtype=images.dtype)
    return torch.where(mask, noise, images)


def denoising_loss(denoised, clean):
    return F.mse_loss(denoised, clean, reduction="sum") / denoised.shape[0]


class DenoisingAutoencoder(nn.Module):
    def __init__(self, input_dim: int = 64):
        super().__init__()
        self.layers = nn.Sequential(nn.Linear(input_dim, 512), nn.LeakyReLU(0.2), nn.Linear(512, 128),
                                    nn.LeakyReLU(0.2), nn.Linear(128, 512), nn.LeakyReLU(0.2),
                                    nn.Linear(512, input_dim))

    def forward(self, noisy):
        return torch.sigmoid(self.layers(noisy))
