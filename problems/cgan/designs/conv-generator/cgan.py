"""cGAN with convolutional networks: images drawn on an 8x8 grid, the label as extra channels for the critic."""

import torch
import torch.nn.functional as F
from torch import nn


class Generator(nn.Module):
    def __init__(self, noise_dim=32, num_classes=10):
        super().__init__()
        self.num_classes = num_classes
        self.project = nn.Sequential(nn.Linear(noise_dim + num_classes, 64 * 2 * 2), nn.BatchNorm1d(256), nn.ReLU())
        self.up = nn.Sequential(
            nn.ConvTranspose2d(64, 32, 4, 2, 1), nn.BatchNorm2d(32), nn.ReLU(),  # 4x4
            nn.ConvTranspose2d(32, 1, 4, 2, 1), nn.Tanh())  # 8x8

    def forward(self, z, labels):
        h = self.project(torch.cat([z, F.one_hot(labels, self.num_classes).float()], 1))
        return self.up(h.view(-1, 64, 2, 2)).flatten(1)


class Discriminator(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.num_classes = num_classes
        self.conv = nn.Sequential(nn.Conv2d(1 + num_classes, 32, 3, 1, 1), nn.LeakyReLU(0.2),
                                  nn.Conv2d(32, 64, 4, 2, 1), nn.LeakyReLU(0.2))  # 4x4
        self.fc = nn.Linear(64 * 4 * 4, 1)

    def forward(self, x, labels):
        maps = F.one_hot(labels, self.num_classes).float()[:, :, None, None].expand(-1, -1, 8, 8)
        h = self.conv(torch.cat([x.view(-1, 1, 8, 8), maps], 1))
        return self.fc(h.flatten(1))


def discriminator_loss(real_logits, fake_logits):
    return (F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
            + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits)))


def generator_loss(fake_logits):
    return F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))


def sample_grid(generator, noise, num_classes=10):
    with torch.no_grad():
        return torch.stack([generator(noise, torch.full((len(noise),), k)) for k in range(num_classes)])
