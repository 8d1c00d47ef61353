"""cGAN with a single wide hidden layer in each network (the original cGAN paper's MLPs were shallow)."""

import torch
import torch.nn.functional as F
from torch import nn


def one_hot(labels, k):
    out = torch.zeros(labels.shape[0], k)
    out[torch.arange(labels.shape[0]), labels] = 1.0
    return out


class Generator(nn.Module):
    def __init__(self, noise_dim=32, num_classes=10):
        super().__init__()
        self.k = num_classes
        self.net = nn.Sequential(nn.Linear(noise_dim + num_classes, 256), nn.LeakyReLU(0.2), nn.Linear(256, 64), nn.Tanh())

    def forward(self, z, labels):
        return self.net(torch.cat((z, one_hot(labels, self.k)), 1))


class Discriminator(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.k = num_classes
        self.net = nn.Sequential(nn.Linear(64 + num_classes, 256), nn.LeakyReLU(0.2), nn.Linear(256, 1))

    def forward(self, x, labels):
        return self.net(torch.cat((x, one_hot(labels, self.k)), 1))


def discriminator_loss(real_logits, fake_logits):
    loss_real = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
    loss_fake = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    return loss_real + loss_fake


def generator_loss(fake_logits):
    return F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))


def sample_grid(generator, noise, num_classes=10):
    was_training = generator.training
    generator.eval()
    with torch.no_grad():
        grid = torch.stack([generator(noise, torch.full((noise.size(0),), c, dtype=torch.long))
                            for c in range(num_classes)])
    generator.train(was_training)
    return grid
