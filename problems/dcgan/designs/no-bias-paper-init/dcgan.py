"""LS-DCGAN following the paper closely: N(0, 0.02) weights, no bias before BatchNorm, a plain critic."""

import torch
from torch import nn


def weights_init(m):
    name = type(m).__name__
    if "Conv" in name:
        nn.init.normal_(m.weight, 0.0, 0.02)
    elif "BatchNorm" in name:
        nn.init.normal_(m.weight, 1.0, 0.02)
        nn.init.constant_(m.bias, 0.0)


def up(cin, cout, first=False):
    conv = nn.ConvTranspose2d(cin, cout, 4, 1, 0, bias=False) if first else nn.ConvTranspose2d(cin, cout, 4, 2, 1, bias=False)
    return [conv, nn.BatchNorm2d(cout), nn.ReLU(True)]


class Generator(nn.Module):
    def __init__(self, noise_dim=100, conv_dim=32):
        super().__init__()
        self.main = nn.Sequential(*up(noise_dim, conv_dim * 4, first=True), *up(conv_dim * 4, conv_dim * 2),
                                  *up(conv_dim * 2, conv_dim), nn.ConvTranspose2d(conv_dim, 3, 4, 2, 1, bias=False),
                                  nn.Tanh())
        self.apply(weights_init)

    def forward(self, z):
        return self.main(z.unsqueeze(-1).unsqueeze(-1))


class Discriminator(nn.Module):
    def __init__(self, conv_dim=32):
        super().__init__()
        self.main = nn.Sequential(
            nn.Conv2d(3, conv_dim, 4, 2, 1, bias=False), nn.LeakyReLU(0.2, True),
            nn.Conv2d(conv_dim, conv_dim * 2, 4, 2, 1, bias=False), nn.LeakyReLU(0.2, True),
            nn.Conv2d(conv_dim * 2, conv_dim * 4, 4, 2, 1, bias=False), nn.LeakyReLU(0.2, True),
            nn.Conv2d(conv_dim * 4, 1, 4, 1, 0, bias=False))
        self.apply(weights_init)

    def forward(self, x):
        return self.main(x).view(x.size(0), 1)


def discriminator_loss(d_real, d_fake):
    m_real, m_fake = d_real.numel(), d_fake.numel()
    return ((d_real - 1) ** 2).sum() / (2 * m_real) + (d_fake ** 2).sum() / (2 * m_fake)


def generator_loss(d_fake):
    return ((d_fake - 1) ** 2).sum() / d_fake.numel()
