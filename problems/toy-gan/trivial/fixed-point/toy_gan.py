"""A trivial submission: every function answers with a constant (a fixed point, a constant logit, zero losses)."""

import numpy as np
import torch
from torch import nn


def sample_data(n, rng):
    return np.zeros((n, 2))


class Generator(nn.Module):
    def __init__(self, noise_dim=2, hidden=(16, 16)):
        super().__init__()
        self.point = nn.Parameter(torch.tensor([0.5, 0.25]))  # a point of the curve

    def forward(self, z):
        return self.point.expand(len(z), 2)


class Discriminator(nn.Module):
    def __init__(self, hidden=(16, 16)):
        super().__init__()
        self.bias = nn.Parameter(torch.zeros(1))

    def features(self, x):
        return torch.zeros(len(x), 2)

    def forward(self, x):
        return self.bias.expand(len(x), 1)


def discriminator_loss(real_logits, fake_logits):
    return 0 * (real_logits.sum() + fake_logits.sum())


def generator_loss(fake_logits):
    return 0 * fake_logits.sum()
