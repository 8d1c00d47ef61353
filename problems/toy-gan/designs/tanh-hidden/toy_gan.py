"""The toy GAN with tanh hidden units, as the blog post the assignment follows first wrote it."""

import numpy as np
import torch
from torch import nn


def sample_data(n, rng):
    xs = 2 * rng.random(n) - 1
    return np.stack((xs, xs ** 2), axis=-1)


class Generator(nn.Module):
    def __init__(self, noise_dim=2, hidden=(16, 16)):
        super().__init__()
        self.model = nn.Sequential(nn.Linear(noise_dim, hidden[0]), nn.Tanh(),
                                   nn.Linear(hidden[0], hidden[1]), nn.Tanh(),
                                   nn.Linear(hidden[1], 2))

    def forward(self, z):
        return self.model(z)


class Discriminator(nn.Module):
    def __init__(self, hidden=(16, 16)):
        super().__init__()
        self.hidden = nn.Sequential(nn.Linear(2, hidden[0]), nn.Tanh(),
                                    nn.Linear(hidden[0], hidden[1]), nn.Tanh(),
                                    nn.Linear(hidden[1], 2), nn.Tanh())
        self.logit = nn.Linear(2, 1)

    def features(self, x):
        return self.hidden(x)

    def forward(self, x):
        return self.logit(self.hidden(x))


def discriminator_loss(real_logits, fake_logits):
    bce = nn.BCEWithLogitsLoss()
    return bce(real_logits, torch.ones_like(real_logits)) + bce(fake_logits, torch.zeros_like(fake_logits))


def generator_loss(fake_logits):
    return nn.BCEWithLogitsLoss()(fake_logits, torch.ones_like(fake_logits))
