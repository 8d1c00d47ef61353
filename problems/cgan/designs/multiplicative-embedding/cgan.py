"""cGAN whose generator multiplies the noise by a label embedding (as in the PyTorch examples' conditional GANs)."""

import torch
import torch.nn.functional as F
from torch import nn


class Generator(nn.Module):
    def __init__(self, noise_dim=32, num_classes=10):
        super().__init__()
        self.embed = nn.Embedding(num_classes, noise_dim)
        self.net = nn.Sequential(nn.Linear(noise_dim, 128), nn.ReLU(), nn.Linear(128, 128), nn.ReLU(),
                                 nn.Linear(128, 64), nn.Tanh())

    def forward(self, z, labels):
        return self.net(z * self.embed(labels))


class Discriminator(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.embed = nn.Embedding(num_classes, 64)
        self.net = nn.Sequential(nn.Linear(128, 128), nn.LeakyReLU(0.2), nn.Linear(128, 128), nn.LeakyReLU(0.2),
                                 nn.Linear(128, 1))

    def forward(self, x, labels):
        return self.net(torch.cat([x, self.embed(labels)], dim=1))


def discriminator_loss(real_logits, fake_logits):
    return -F.logsigmoid(real_logits).mean() - F.logsigmoid(-fake_logits).mean()


def generator_loss(fake_logits):
    return -F.logsigmoid(fake_logits).mean()


def sample_grid(generator, noise, num_classes=10):
    n = noise.shape[0]
    labels = torch.arange(num_classes).repeat_interleave(n)
    with torch.no_grad():
        out = generator(noise.repeat(num_classes, 1), labels)
    return out.reshape(num_classes, n, -1)
