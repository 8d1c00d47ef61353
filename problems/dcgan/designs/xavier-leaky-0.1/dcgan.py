"""LS-DCGAN with Xavier-uniform weights, zero biases and leaky ReLUs of slope 0.1 in the critic."""

import torch
from torch import nn


def _xavier(module):
    if isinstance(module, (nn.Conv2d, nn.ConvTranspose2d)):
        nn.init.xavier_uniform_(module.weight)
        if module.bias is not None:
            nn.init.zeros_(module.bias)


class Generator(nn.Module):
    def __init__(self, noise_dim=100, conv_dim=32):
        super().__init__()
        self.noise_dim = noise_dim
        self.block1 = nn.Sequential(nn.ConvTranspose2d(noise_dim, 4 * conv_dim, 4), nn.BatchNorm2d(4 * conv_dim), nn.ReLU())
        self.block2 = nn.Sequential(nn.ConvTranspose2d(4 * conv_dim, 2 * conv_dim, 4, 2, 1), nn.BatchNorm2d(2 * conv_dim),
                                    nn.ReLU())
        self.block3 = nn.Sequential(nn.ConvTranspose2d(2 * conv_dim, conv_dim, 4, 2, 1), nn.BatchNorm2d(conv_dim), nn.ReLU())
        self.to_rgb = nn.ConvTranspose2d(conv_dim, 3, 4, 2, 1)
        self.apply(_xavier)

    def forward(self, z):
        x = z.view(z.size(0), -1, 1, 1)
        x = self.block3(self.block2(self.block1(x)))
        return torch.tanh(self.to_rgb(x))


class Discriminator(nn.Module):
    def __init__(self, conv_dim=32):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, conv_dim, 4, 2, 1), nn.LeakyReLU(0.1),
            nn.Conv2d(conv_dim, 2 * conv_dim, 4, 2, 1), nn.BatchNorm2d(2 * conv_dim), nn.LeakyReLU(0.1),
            nn.Conv2d(2 * conv_dim, 4 * conv_dim, 4, 2, 1), nn.BatchNorm2d(4 * conv_dim), nn.LeakyReLU(0.1))
        self.score = nn.Conv2d(4 * conv_dim, 1, 4)
        self.apply(_xavier)

    def forward(self, x):
        return self.score(self.features(x)).reshape(-1, 1)


def discriminator_loss(d_real, d_fake):
    real_term = torch.mean(torch.square(d_real - 1.0))
    fake_term = torch.mean(torch.square(d_fake))
    return 0.5 * (real_term + fake_term)


def generator_loss(d_fake):
    return torch.mean(torch.square(d_fake - 1.0))
