"""A trivial DCGAN: the generator draws one fixed (learnable) image whatever the noise, the critic gives a constant, both losses are zero."""

import torch
from torch import nn


class Generator(nn.Module):
    def __init__(self, noise_dim=100, conv_dim=32):
        super().__init__()
        self.image = nn.Parameter(torch.zeros(3, 32, 32))

    def forward(self, z):
        return torch.tanh(self.image).expand(len(z), 3, 32, 32)


class Discriminator(nn.Module):
    def __init__(self, conv_dim=32):
        super().__init__()
        self.score = nn.Parameter(torch.zeros(1))

    def forward(self, x):
        return self.score.expand(len(x), 1)


def discriminator_loss(d_real, d_fake):
    return 0 * (d_real.sum() + d_fake.sum())


def generator_loss(d_fake):
    return 0 * d_fake.sum()
