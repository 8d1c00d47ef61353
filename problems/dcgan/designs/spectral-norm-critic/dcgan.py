"""LS-DCGAN whose critic's convolutions are spectrally normalised (Miyato et al. 2018) instead of batch-normalised."""

import torch
from torch import nn
from torch.nn.utils import spectral_norm


class Generator(nn.Module):
    def __init__(self, noise_dim: int = 100, conv_dim: int = 32):
        super().__init__()
        self.noise_dim = noise_dim
        c = conv_dim
        self.model = nn.Sequential(
            nn.ConvTranspose2d(noise_dim, 4 * c, 4, 1, 0, bias=False), nn.BatchNorm2d(4 * c), nn.ReLU(True),
            nn.ConvTranspose2d(4 * c, 2 * c, 4, 2, 1, bias=False), nn.BatchNorm2d(2 * c), nn.ReLU(True),
            nn.ConvTranspose2d(2 * c, c, 4, 2, 1, bias=False), nn.BatchNorm2d(c), nn.ReLU(True),
            nn.ConvTranspose2d(c, 3, 4, 2, 1), nn.Tanh())
        for m in self.modules():
            if isinstance(m, nn.ConvTranspose2d):
                nn.init.normal_(m.weight, 0.0, 0.02)

    def forward(self, z):
        return self.model(z.view(len(z), self.noise_dim, 1, 1))


class Discriminator(nn.Module):
    def __init__(self, conv_dim: int = 32):
        super().__init__()
        c = conv_dim
        self.model = nn.Sequential(
            spectral_norm(nn.Conv2d(3, c, 4, 2, 1)), nn.LeakyReLU(0.2, True),
            spectral_norm(nn.Conv2d(c, 2 * c, 4, 2, 1)), nn.LeakyReLU(0.2, True),
            spectral_norm(nn.Conv2d(2 * c, 4 * c, 4, 2, 1)), nn.LeakyReLU(0.2, True),
            spectral_norm(nn.Conv2d(4 * c, 1, 4, 1, 0)))

    def forward(self, x):
        return self.model(x).view(len(x), 1)


def discriminator_loss(d_real, d_fake):
    return 0.5 * ((d_real - 1) ** 2).mean() + 0.5 * (d_fake ** 2).mean()


def generator_loss(d_fake):
    return ((d_fake - 1) ** 2).mean()
