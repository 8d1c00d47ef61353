"""A trivial submission: the data's mean everywhere (sample_data and the generator), mean-valued logits and losses."""

import numpy as np
import torch
from torch import nn

MEAN = (0.0, 1.0 / 3.0)  # E[x], E[x^2] for x ~ U[-1, 1]


def sample_data(n, rng):
    return np.tile(MEAN, (n, 1))


class Generator(nn.Module):
    def __init__(self, noise_dim=2, hidden=(16, 16)):
        super().__init__()
        self.mean = nn.Parameter(torch.tensor(MEAN))

    def forward(self, z):
        return self.mean.expand(len(z), 2)


class Discriminator(nn.Module):
    def __init__(self, hidden=(16, 16)):
        super().__init__()
        self.mean = nn.Parameter(torch.tensor(MEAN))

    def features(self, x):
        return self.mean.expand(len(x), 2)

    def forward(self, x):
        return self.mean[:1].expand(len(x), 1)


def discriminator_loss(real_logits, fake_logits):
    return real_logits.mean() - real_logits.mean() + fake_logits.mean()


def generator_loss(fake_logits):
    return fake_logits.mean()
