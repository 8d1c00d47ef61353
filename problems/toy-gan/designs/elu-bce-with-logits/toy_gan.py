"""The toy GAN with ELU hidden units and F.binary_cross_entropy_with_logits."""

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


def sample_data(n, rng):
    x = rng.uniform(low=-1, high=1, size=(n, 1))
    return np.hstack([x, np.square(x)])


def mlp(sizes):
    layers = []
    for a, b in zip(sizes[:-1], sizes[1:]):
        layers += [nn.Linear(a, b), nn.ELU()]
    return layers


class Generator(nn.Module):
    def __init__(self, noise_dim=2, hidden=(16, 16)):
        super().__init__()
        self.net = nn.Sequential(*mlp([noise_dim, *hidden]), nn.Linear(hidden[1], 2))

    def forward(self, z):
        return self.net(z)


class Discriminator(nn.Module):
    def __init__(self, hidden=(16, 16)):
        super().__init__()
        self.body = nn.Sequential(*mlp([2, *hidden, 2]))
        self.head = nn.Linear(2, 1)

    def features(self, x):
        return self.body(x)

    def forward(self, x):
        return self.head(self.body(x))


def discriminator_loss(real_logits, fake_logits):
    real = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
    fake = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    return real + fake


def generator_loss(fake_logits):
    return F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))
