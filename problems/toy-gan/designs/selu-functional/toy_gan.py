"""The toy GAN with SELU hidden units and a linear (no activation) 2-D feature layer."""

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


def sample_data(n, rng):
    x = rng.uniform(-1.0, 1.0, n)
    y = x ** 2
    return np.c_[x, y]


class Generator(nn.Module):
    def __init__(self, noise_dim=2, hidden=(16, 16)):
        super().__init__()
        self.l1, self.l2, self.l3 = nn.Linear(noise_dim, hidden[0]), nn.Linear(*hidden), nn.Linear(hidden[1], 2)

    def forward(self, z):
        return self.l3(F.selu(self.l2(F.selu(self.l1(z)))))


class Discriminator(nn.Module):
    def __init__(self, hidden=(16, 16)):
        super().__init__()
        self.l1, self.l2, self.l3 = nn.Linear(2, hidden[0]), nn.Linear(*hidden), nn.Linear(hidden[1], 2)
        self.l4 = nn.Linear(2, 1)

    def features(self, x):
        return torch.tanh(self.l3(F.selu(self.l2(F.selu(self.l1(x))))))

    def forward(self, x):
        return self.l4(self.features(x))


def discriminator_loss(real_logits, fake_logits):
    return -(F.logsigmoid(real_logits).mean() + F.logsigmoid(-fake_logits).mean())


def generator_loss(fake_logits):
    return -F.logsigmoid(fake_logits).mean()
