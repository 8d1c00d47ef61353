"""LS-DCGAN whose critic has no normalisation at all: strided convolutions and leaky ReLUs only."""

import torch
import torch.nn.functional as F
from torch import nn


class Generator(nn.Module):
    def __init__(self, noise_dim: int = 100, conv_dim: int = 32):
        super().__init__()
        c = conv_dim
        self.up1 = nn.ConvTranspose2d(noise_dim, 4 * c, 4, 1, 0)
        self.bn1 = nn.BatchNorm2d(4 * c)
        self.up2 = nn.ConvTranspose2d(4 * c, 2 * c, 4, 2, 1)
        self.bn2 = nn.BatchNorm2d(2 * c)
        self.up3 = nn.ConvTranspose2d(2 * c, c, 4, 2, 1)
        self.bn3 = nn.BatchNorm2d(c)
        self.out = nn.ConvTranspose2d(c, 3, 4, 2, 1)

    def forward(self, z):
        h = z[:, :, None, None]
        h = F.relu(self.bn1(self.up1(h)))
        h = F.relu(self.bn2(self.up2(h)))
        h = F.relu(self.bn3(self.up3(h)))
        return torch.tanh(self.out(h))


class Discriminator(nn.Module):
    def __init__(self, conv_dim: int = 32):
        super().__init__()
        c = conv_dim
        self.conv1 = nn.Conv2d(3, c, 4, 2, 1)
        self.conv2 = nn.Conv2d(c, 2 * c, 4, 2, 1)
        self.conv3 = nn.Conv2d(2 * c, 4 * c, 4, 2, 1)
        self.conv4 = nn.Conv2d(4 * c, 1, 4, 1, 0)

    def forward(self, x):
        h = F.leaky_relu(self.conv1(x), 0.2)
        h = F.leaky_relu(self.conv2(h), 0.2)
        h = F.leaky_relu(self.conv3(h), 0.2)
        return self.conv4(h).view(-1, 1)


def discriminator_loss(d_real, d_fake):
    return 0.5 * F.mse_loss(d_real, torch.ones_like(d_real)) + 0.5 * F.mse_loss(d_fake, torch.zeros_like(d_fake))


def generator_loss(d_fake):
    return F.mse_loss(d_fake, torch.ones_like(d_fake))
