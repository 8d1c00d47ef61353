"""CycleGAN whose generator downsamples twice and upsamples by nearest-neighbour resizing and a convolution."""

import torch
from torch import nn


def cycle_consistency_loss(x, x_cycled, y, y_cycled, lam=10.0):
    return lam * (torch.mean(torch.abs(x_cycled - x)) + torch.mean(torch.abs(y_cycled - y)))


def identity_loss(a, a_same, b, b_same, lam=10.0):
    return lam / 2 * (torch.mean(torch.abs(a_same - a)) + torch.mean(torch.abs(b_same - b)))


def discriminator_ls_loss(d_real, d_fake):
    return (torch.mean((d_real - 1) ** 2) + torch.mean(d_fake ** 2)) / 2


def generator_ls_loss(d_fake):
    return torch.mean((d_fake - 1) ** 2)


class Residual(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.f = nn.Sequential(nn.Conv2d(c, c, 3, padding=1), nn.InstanceNorm2d(c, affine=True), nn.ReLU(),
                               nn.Conv2d(c, c, 3, padding=1), nn.InstanceNorm2d(c, affine=True))

    def forward(self, x):
        return x + self.f(x)


class ResnetGenerator(nn.Module):
    def __init__(self, channels=3):
        super().__init__()
        k = 16
        self.encode = nn.Sequential(
            nn.Conv2d(channels, k, 3, padding=1), nn.InstanceNorm2d(k, affine=True), nn.ReLU(),
            nn.Conv2d(k, 2 * k, 4, stride=2, padding=1), nn.InstanceNorm2d(2 * k, affine=True), nn.ReLU(),
            nn.Conv2d(2 * k, 4 * k, 4, stride=2, padding=1), nn.InstanceNorm2d(4 * k, affine=True), nn.ReLU())
        self.transform = nn.Sequential(Residual(4 * k), Residual(4 * k))
        self.decode = nn.Sequential(
            nn.Upsample(scale_factor=2), nn.Conv2d(4 * k, 2 * k, 3, padding=1), nn.InstanceNorm2d(2 * k, affine=True),
            nn.ReLU(),
            nn.Upsample(scale_factor=2), nn.Conv2d(2 * k, k, 3, padding=1), nn.InstanceNorm2d(k, affine=True), nn.ReLU(),
            nn.Conv2d(k, channels, 3, padding=1), nn.Tanh())

    def forward(self, x):
        return self.decode(self.transform(self.encode(x)))


class PatchDiscriminator(nn.Module):
    def __init__(self, channels=3):
        super().__init__()
        self.net = nn.Sequential(nn.Conv2d(channels, 32, 4, 2, 1), nn.LeakyReLU(0.2),
                                 nn.Conv2d(32, 64, 3, 1, 1), nn.InstanceNorm2d(64), nn.LeakyReLU(0.2),
                                 nn.Conv2d(64, 1, 3, 1, 1))

    def forward(self, x):
        return self.net(x)


class ImagePool:
    def __init__(self, size=50, generator=None):
        self.size, self.generator, self.stored = size, generator, []

    def query(self, images):
        if self.size <= 0:
            return images
        result = []
        for img in images.detach():
            if len(self.stored) < self.size:
                self.stored.append(img)
                result.append(img)
                continue
            if float(torch.rand((), generator=self.generator)) < 0.5:
                j = int(torch.randint(len(self.stored), (), generator=self.generator))
                result.append(self.stored[j])
                self.stored[j] = img
            else:
                result.append(img)
        return torch.stack(result, 0)
