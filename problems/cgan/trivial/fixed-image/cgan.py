"""A trivial conditional GAN: one fixed (learnable) image for every noise and label, a constant logit, zero losses, a grid of that image."""

import torch
from torch import nn


class Generator(nn.Module):
    def __init__(self, noise_dim=32, num_classes=10):
        super().__init__()
        self.image = nn.Parameter(torch.zeros(64))

    def forward(self, z, labels):
        return torch.tanh(self.image).expand(len(z), 64)


class Discriminator(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.logit = nn.Parameter(torch.zeros(1))

    def forward(self, x, labels):
        return self.logit.expand(len(x), 1)


def discriminator_loss(real_logits, fake_logits):
    return 0 * (real_logits.sum() + fake_logits.sum())


def generator_loss(fake_logits):
    return 0 * fake_logits.sum()


def sample_grid(generator, noise, num_classes=10):
    with torch.no_grad():
        return generator(noise, None).expand(num_classes, len(noise), 64).clone()
