"""The toy GAN with plain ReLUs on every hidden layer and BCE written with logsigmoid."""

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


def sample_data(n, rng):
    x = rng.uniform(-1.0, 1.0, size=n)
    return np.column_stack([x, x * x])


class Generator(nn.Module):
    def __init__(self, noise_dim=2, hidden=(16, 16)):
        super().__init__()
        self.fc1 = nn.Linear(noise_dim, hidden[0])
        self.fc2 = nn.Linear(hidden[0], hidden[1])
        self.fc3 = nn.Linear(hidden[1], 2)

    def forward(self, z):
        return self.fc3(F.relu(self.fc2(F.relu(self.fc1(z)))))


class Discriminator(nn.Module):
    def __init__(self, hidden=(16, 16)):
        super().__init__()
        self.fc1 = nn.Linear(2, hidden[0])
        self.fc2 = nn.Linear(hidden[0], hidden[1])
        self.fc3 = nn.Linear(hidden[1], 2)
        self.out = nn.Linear(2, 1)

    def features(self, x):
        return F.relu(self.fc3(F.relu(self.fc2(F.relu(self.fc1(x))))))

    def forward(self, x):
        return self.out(self.features(x))


def discriminator_loss(real_logits, fake_logits):
    return -F.logsigmoid(real_logits).mean() - F.logsigmoid(-fake_logits).mean()


def generator_loss(fake_logits):
    return -F.logsigmoid(fake_logits).mean()
