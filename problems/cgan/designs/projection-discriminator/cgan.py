"""cGAN with a projection discriminator (Miyato & Koyama 2018): logit = psi(phi(x)) + <embed(y), phi(x)>."""

import torch
import torch.nn.functional as F
from torch import nn


class Generator(nn.Module):
    def __init__(self, noise_dim=32, num_classes=10):
        super().__init__()
        self.num_classes = num_classes
        self.hidden1 = nn.Linear(noise_dim + num_classes, 196)
        self.hidden2 = nn.Linear(196, 196)
        self.out = nn.Linear(196, 64)

    def forward(self, z, labels):
        h = torch.cat([z, F.one_hot(labels, self.num_classes).float()], dim=1)
        h = F.leaky_relu(self.hidden1(h), 0.1)
        h = F.leaky_relu(self.hidden2(h), 0.1)
        return torch.tanh(self.out(h))


class Discriminator(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.phi = nn.Sequential(nn.Linear(64, 196), nn.LeakyReLU(0.1), nn.Linear(196, 196), nn.LeakyReLU(0.1))
        self.psi = nn.Linear(196, 1)
        self.embed = nn.Embedding(num_classes, 196)

    def forward(self, x, labels):
        h = self.phi(x)
        return self.psi(h) + (self.embed(labels) * h).sum(dim=1, keepdim=True)


def discriminator_loss(real_logits, fake_logits):
    return F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()


def generator_loss(fake_logits):
    return F.softplus(-fake_logits).mean()


@torch.no_grad()
def sample_grid(generator, noise, num_classes=10):
    rows = []
    for k in range(num_classes):
        rows.append(generator(noise, torch.full((len(noise),), k, dtype=torch.int64)))
    return torch.stack(rows, dim=0)
