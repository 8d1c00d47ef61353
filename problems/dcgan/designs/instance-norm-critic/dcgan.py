"""LS-DCGAN whose critic normalises its hidden layers per image (InstanceNorm), not per batch."""

import torch
from torch import nn


class Generator(nn.Module):
    def __init__(self, noise_dim: int = 100, conv_dim: int = 32):
        super().__init__()
        chans = [noise_dim, 4 * conv_dim, 2 * conv_dim, conv_dim]
        layers = []
        for i in range(3):
            stride, pad = (1, 0) if i == 0 else (2, 1)
            layers += [nn.ConvTranspose2d(chans[i], chans[i + 1], 4, stride, pad, bias=False),
                       nn.BatchNorm2d(chans[i + 1]), nn.ReLU()]
        layers += [nn.ConvTranspose2d(conv_dim, 3, 4, 2, 1), nn.Tanh()]
        self.net = nn.Sequential(*layers)
        self.noise_dim = noise_dim

    def forward(self, z):
        return self.net(z.view(-1, self.noise_dim, 1, 1))


class Discriminator(nn.Module):
    def __init__(self, conv_dim: int = 32):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(3, conv_dim, 4, 2, 1), nn.LeakyReLU(0.2),
            nn.Conv2d(conv_dim, 2 * conv_dim, 4, 2, 1), nn.InstanceNorm2d(2 * conv_dim, affine=True), nn.LeakyReLU(0.2),
            nn.Conv2d(2 * conv_dim, 4 * conv_dim, 4, 2, 1), nn.InstanceNorm2d(4 * conv_dim, affine=True),
            nn.LeakyReLU(0.2),
            nn.Conv2d(4 * conv_dim, 1, 4, 1, 0))

    def forward(self, x):
        return self.net(x).view(-1, 1)


def discriminator_loss(d_real, d_fake):
    return ((d_real - 1).pow(2).mean() + d_fake.pow(2).mean()) / 2


def generator_loss(d_fake):
    return (d_fake - 1).pow(2).mean()
