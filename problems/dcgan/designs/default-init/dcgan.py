"""LS-DCGAN with PyTorch's default initialisation and a bias on every layer (BatchNorm in the critic)."""

import torch
from torch import nn


class Generator(nn.Module):
    def __init__(self, noise_dim: int = 100, conv_dim: int = 32):
        super().__init__()
        self.noise_dim = noise_dim
        self.layers = nn.Sequential(
            nn.ConvTranspose2d(noise_dim, conv_dim * 4, kernel_size=4, stride=1, padding=0),
            nn.BatchNorm2d(conv_dim * 4),
            nn.ReLU(inplace=True),
            nn.ConvTranspose2d(conv_dim * 4, conv_dim * 2, kernel_size=4, stride=2, padding=1),
            nn.BatchNorm2d(conv_dim * 2),
            nn.ReLU(inplace=True),
            nn.ConvTranspose2d(conv_dim * 2, conv_dim, kernel_size=4, stride=2, padding=1),
            nn.BatchNorm2d(conv_dim),
            nn.ReLU(inplace=True),
            nn.ConvTranspose2d(conv_dim, 3, kernel_size=4, stride=2, padding=1),
            nn.Tanh(),
        )

    def forward(self, z):
        return self.layers(z.reshape(z.shape[0], self.noise_dim, 1, 1))


class Discriminator(nn.Module):
    def __init__(self, conv_dim: int = 32):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Conv2d(3, conv_dim, kernel_size=4, stride=2, padding=1),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(conv_dim, conv_dim * 2, kernel_size=4, stride=2, padding=1),
            nn.BatchNorm2d(conv_dim * 2),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(conv_dim * 2, conv_dim * 4, kernel_size=4, stride=2, padding=1),
            nn.BatchNorm2d(conv_dim * 4),
            nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(conv_dim * 4, 1, kernel_size=4, stride=1, padding=0),
        )

    def forward(self, x):
        return self.layers(x).flatten(1)


def discriminator_loss(d_real, d_fake):
    return 0.5 * torch.mean((d_real - 1) ** 2) + 0.5 * torch.mean(d_fake ** 2)


def generator_loss(d_fake):
    return torch.mean((d_fake - 1) ** 2)
