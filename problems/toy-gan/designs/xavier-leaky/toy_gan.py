"""The toy GAN with Xavier-normal weights, zero biases and leaky ReLU of slope 0.1."""

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


def sample_data(n, rng):
    x = rng.uniform(-1, 1, n)
    return np.array([x, x ** 2]).T


def init(module):
    if isinstance(module, nn.Linear):
        nn.init.xavier_normal_(module.weight)
        nn.init.zeros_(module.bias)


class Generator(nn.Module):
    def __init__(self, noise_dim=2, hidden=(16, 16)):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(noise_dim, hidden[0]), nn.LeakyReLU(0.1),
                                 nn.Linear(hidden[0], hidden[1]), nn.LeakyReLU(0.1), nn.Linear(hidden[1], 2))
        self.apply(init)

    def forward(self, z):
        return self.net(z)


class Discriminator(nn.Module):
    def __init__(self, hidden=(16, 16)):
        super().__init__()
        self.h1 = nn.Sequential(nn.Linear(2, hidden[0]), nn.LeakyReLU(0.1))
        self.h2 = nn.Sequential(nn.Linear(hidden[0], hidden[1]), nn.LeakyReLU(0.1))
        self.h3 = nn.Sequential(nn.Linear(hidden[1], 2), nn.LeakyReLU(0.1))
        self.out = nn.Linear(2, 1)
        self.apply(init)

    def features(self, x):
        return self.h3(self.h2(self.h1(x)))

    def forward(self, x):
        return self.out(self.features(x))


def discriminator_loss(real_logits, fake_logits):
    return -(torch.mean(F.logsigmoid(real_logits)) + torch.mean(F.logsigmoid(-fake_logits)))


def generator_loss(fake_logits):
    return -torch.mean(F.logsigmoid(fake_logits))
