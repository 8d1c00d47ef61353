"""The toy GAN with PyTorch's default leaky ReLU slope (0.01) and losses written with softplus."""

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


def sample_data(n, rng):
    x = rng.uniform(-1, 1, n).astype(np.float32)
    return np.stack([x, x ** 2], 1)


class Generator(nn.Module):
    def __init__(self, noise_dim=2, hidden=(16, 16)):
        super().__init__()
        h1, h2 = hidden
        self.layers = nn.ModuleList([nn.Linear(noise_dim, h1), nn.Linear(h1, h2), nn.Linear(h2, 2)])

    def forward(self, z):
        h = z
        for layer in self.layers[:-1]:
            h = F.leaky_relu(layer(h))
        return self.layers[-1](h)


class Discriminator(nn.Module):
    def __init__(self, hidden=(16, 16)):
        super().__init__()
        h1, h2 = hidden
        self.layers = nn.ModuleList([nn.Linear(2, h1), nn.Linear(h1, h2), nn.Linear(h2, 2)])
        self.out = nn.Linear(2, 1)

    def features(self, x):
        h = x
        for layer in self.layers:
            h = F.leaky_relu(layer(h))
        return h

    def forward(self, x):
        return self.out(self.features(x))


def discriminator_loss(real_logits, fake_logits):
    # -log sigmoid(l) = softplus(-l); -log(1 - sigmoid(l)) = softplus(l)
    return F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()


def generator_loss(fake_logits):
    return F.softplus(-fake_logits).mean()
