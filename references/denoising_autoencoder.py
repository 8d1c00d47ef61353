"""A denoising autoencoder for images with one noisy patch (the assignment's patch-based MLP DAE).

A denoising autoencoder (Vincent et al. 2008) is trained to map a corrupted
x̃ ~ C(x̃ | x) back to the clean x, so it must learn what digits look like
rather than copy its input. Here the corruption replaces one randomly placed
square patch of each image by uniform noise and leaves every other pixel as is.
"""

import torch
from torch import Tensor, nn


def add_patch_noise(images: Tensor, patch: int = 8, generator: torch.Generator | None = None) -> Tensor:
    """A copy of ``images`` (B, H, W) with one patch x patch square per image replaced by U[0, 1) noise.

    The square's top-left corner is uniform over the H - patch + 1 rows and
    W - patch + 1 columns where the whole square fits. Pixels outside the
    square are returned unchanged, and ``images`` itself is not modified.
    """
    batch, height, width = images.shape
    if not 1 <= patch <= min(height, width):
        raise ValueError(f"patch must lie in 1..{min(height, width)} for {height}x{width} images, got {patch}")
    top = torch.randint(0, height - patch + 1, (batch, 1, 1), generator=generator)  # (B, 1, 1)
    left = torch.randint(0, width - patch + 1, (batch, 1, 1), generator=generator)  # (B, 1, 1)
    rows = torch.arange(height).view(1, height, 1)  # (1, H, 1)
    cols = torch.arange(width).view(1, 1, width)  # (1, 1, W)
    inside = (rows >= top) & (rows < top + patch) & (cols >= left) & (cols < left + patch)  # (B, H, W)
    noise = torch.rand(images.shape, generator=generator)  # (B, H, W), used inside the patch only
    return torch.where(inside.to(images.device), noise.to(images), images)


def denoising_loss(denoised: Tensor, clean: Tensor) -> Tensor:
    """Squared error to the clean image, summed over pixels, averaged over the batch: a scalar."""
    return (denoised - clean).pow(2).flatten(1).sum(dim=1).mean()


class DenoisingAutoencoder(nn.Module):
    """MLP denoising autoencoder: noisy x̃ (B, input_dim) -> code -> clean estimate (B, input_dim) in [0, 1]."""

    def __init__(self, input_dim: int = 64, hidden_dim: int = 256, code_dim: int = 64):
        super().__init__()
        self.encoder = nn.Sequential(nn.Linear(input_dim, hidden_dim), nn.ReLU(),
                                     nn.Linear(hidden_dim, code_dim), nn.ReLU())
        self.decoder = nn.Sequential(nn.Linear(code_dim, hidden_dim), nn.ReLU(),
                                     nn.Linear(hidden_dim, input_dim), nn.Sigmoid())

    def forward(self, noisy: Tensor) -> Tensor:
        return self.decoder(self.encoder(noisy))  # (B, input_dim)
