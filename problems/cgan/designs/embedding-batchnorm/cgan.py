"""cGAN in the style of PyTorch-GAN's cgan.py: label embeddings concatenated, BatchNorm in G, dropout in D."""

import torch
import torch.nn.functional as F
from torch import nn


class Generator(nn.Module):
    def __init__(self, noise_dim=32, num_classes=10):
        super().__init__()
        self.label_emb = nn.Embedding(num_classes, num_classes)

        def block(n_in, n_out, normalize=True):
            layers = [nn.Linear(n_in, n_out)]
            if normalize:
                layers.append(nn.BatchNorm1d(n_out))
            layers.append(nn.LeakyReLU(0.2))
            return layers

        self.model = nn.Sequential(*block(noise_dim + num_classes, 128, normalize=False), *block(128, 256),
                                   nn.Linear(256, 64), nn.Tanh())

    def forward(self, z, labels):
        return self.model(torch.cat([self.label_emb(labels), z], -1))


class Discriminator(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.label_embedding = nn.Embedding(num_classes, num_classes)
        self.model = nn.Sequential(nn.Linear(64 + num_classes, 256), nn.LeakyReLU(0.2),
                                   nn.Linear(256, 256), nn.Dropout(0.3), nn.LeakyReLU(0.2),
                                   nn.Linear(256, 1))

    def forward(self, x, labels):
        return self.model(torch.cat([x, self.label_embedding(labels)], -1))


def discriminator_loss(real_logits, fake_logits):
    return (F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
            + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits)))


def generator_loss(fake_logits):
    return F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))


def sample_grid(generator, noise, num_classes=10):
    generator.eval()
    with torch.no_grad():
        return torch.stack([generator(noise, torch.full((noise.shape[0],), k, dtype=torch.long))
                            for k in range(num_classes)])
