"""A student's LS-DCGAN whose generator ends in its last transposed convolution, with no tanh: images are not bounded to [-1, 1]."""

import torch
from torch import Tensor, nn

IMAGE_SIDE = 32
CHANNELS = 3


def _init_weights(module: nn.Module) -> None:
    """Radford et al. 2016, Sec. 4: weights from N(0, 0.02); BatchNorm scales from N(1, 0.02)."""
    if isinstance(module, (nn.Conv2d, nn.ConvTranspose2d)):
        nn.init.normal_(module.weight, 0.0, 0.02)
    elif isinstance(module, nn.BatchNorm2d):
        nn.init.normal_(module.weight, 1.0, 0.02)
        nn.init.zeros_(module.bias)


class Generator(nn.Module):
    """z (B, noise_dim) -> images (B, 3, 32, 32) in [-1, 1]; sides 1 -> 4 -> 8 -> 16 -> 32.

    Transposed convolutions do every upsampling; BatchNorm and ReLU follow each
    but the last, which ends in tanh (no BatchNorm on the output layer).
    """

    def __init__(self, noise_dim: int = 100, conv_dim: int = 32):
        super().__init__()
        c = conv_dim
        self.noise_dim = noise_dim
        self.net = nn.Sequential(
            nn.ConvTranspose2d(noise_dim, 4 * c, 4, 1, 0, bias=False), nn.BatchNorm2d(4 * c), nn.ReLU(),  # 4x4
            nn.ConvTranspose2d(4 * c, 2 * c, 4, 2, 1, bias=False), nn.BatchNorm2d(2 * c), nn.ReLU(),  # 8x8
            nn.ConvTranspose2d(2 * c, c, 4, 2, 1, bias=False), nn.BatchNorm2d(c), nn.ReLU(),  # 16x16
            nn.ConvTranspose2d(c, CHANNELS, 4, 2, 1),  # 32x32, no tanh
        )
        self.apply(_init_weights)

    def forward(self, z: Tensor) -> Tensor:
        """Images (B, 3, 32, 32) in [-1, 1] for noise z (B, noise_dim)."""
        return self.net(z.view(len(z), self.noise_dim, 1, 1))  # (B, 3, 32, 32)


class Discriminator(nn.Module):
    """images (B, 3, 32, 32) -> raw scores (B, 1); sides 32 -> 16 -> 8 -> 4 -> 1, no sigmoid.

    Strided convolutions downsample; BatchNorm on every hidden layer but the
    input one (Radford et al. 2016), leaky ReLU of slope 0.2.
    """

    def __init__(self, conv_dim: int = 32):
        super().__init__()
        c = conv_dim
        self.net = nn.Sequential(
            nn.Conv2d(CHANNELS, c, 4, 2, 1), nn.LeakyReLU(0.2),  # 16x16
            nn.Conv2d(c, 2 * c, 4, 2, 1, bias=False), nn.BatchNorm2d(2 * c), nn.LeakyReLU(0.2),  # 8x8
            nn.Conv2d(2 * c, 4 * c, 4, 2, 1, bias=False), nn.BatchNorm2d(4 * c), nn.LeakyReLU(0.2),  # 4x4
            nn.Conv2d(4 * c, 1, 4, 1, 0),  # 1x1
        )
        self.apply(_init_weights)

    def forward(self, x: Tensor) -> Tensor:
        """Raw scores (B, 1) for images x (B, 3, 32, 32), no sigmoid."""
        return self.net(x).view(len(x), 1)  # (B, 1)


def discriminator_loss(d_real: Tensor, d_fake: Tensor) -> Tensor:
    """J_D = 1/(2m) sum (D(x) - 1)^2 + 1/(2m) sum D(G(z))^2, on D's raw scores (the DCGAN assignment)."""
    return 0.5 * (d_real - 1).pow(2).mean() + 0.5 * d_fake.pow(2).mean()


def generator_loss(d_fake: Tensor) -> Tensor:
    """J_G = 1/m sum (D(G(z)) - 1)^2, on D's raw scores (the DCGAN assignment)."""
    return (d_fake - 1).pow(2).mean()
