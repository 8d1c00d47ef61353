"""A student's CycleGAN: the generator ends in a sigmoid, so it cannot draw the black (-1) background of images in [-1, 1]"""

import torch
from torch import nn


def cycle_consistency_loss(x, x_cycled, y, y_cycled, lam=10.0):
    return lam * ((x_cycled - x).abs().mean() + (y_cycled - y).abs().mean())


def identity_loss(a, a_same, b, b_same, lam=10.0):
    return 0.5 * lam * ((a_same - a).abs().mean() + (b_same - b).abs().mean())


def discriminator_ls_loss(d_real, d_fake):
    return 0.5 * ((d_real - 1) ** 2).mean() + 0.5 * (d_fake ** 2).mean()


def generator_ls_loss(d_fake):
    return ((d_fake - 1) ** 2).mean()


class ResBlock(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(c, c, 3, padding=1, padding_mode="reflect"), nn.InstanceNorm2d(c),
                                  nn.ReLU(), nn.Conv2d(c, c, 3, padding=1, padding_mode="reflect"),
                                  nn.InstanceNorm2d(c))

    def forward(self, x):
        return x + self.body(x)


class ResnetGenerator(nn.Module):
    def __init__(self, channels=3, f=16):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(channels, f, 3, padding=1, padding_mode="reflect"), nn.InstanceNorm2d(f), nn.ReLU(),
            nn.Conv2d(f, 2 * f, 3, stride=2, padding=1), nn.InstanceNorm2d(2 * f), nn.ReLU(),
            ResBlock(2 * f), ResBlock(2 * f),
            nn.ConvTranspose2d(2 * f, f, 4, stride=2, padding=1), nn.InstanceNorm2d(f), nn.ReLU(),
            nn.Conv2d(f, channels, 3, padding=1, padding_mode="reflect"), nn.Sigmoid())

    def forward(self, x):
        return self.net(x)


class PatchDiscriminator(nn.Module):
    def __init__(self, channels=3, f=16):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(channels, f, 4, stride=2, padding=1), nn.LeakyReLU(0.2),
            nn.Conv2d(f, 2 * f, 4, stride=2, padding=1), nn.InstanceNorm2d(2 * f), nn.LeakyReLU(0.2),
            nn.Conv2d(2 * f, 1, 3, padding=1))

    def forward(self, x):
        return self.net(x)


class ImagePool:
    def __init__(self, size=50, generator=None):
        self.size, self.generator, self.images = size, generator, []

    def query(self, images):
        if self.size == 0:
            return images
        out = []
        for image in images.detach():
            if len(self.images) < self.size:
                self.images.append(image)
                out.append(image)
            elif torch.rand(1, generator=self.generator).item() < 0.5:
                i = torch.randint(0, self.size, (1,), generator=self.generator).item()
                out.append(self.images[i])
                self.images[i] = image
            else:
                out.append(image)
        return torch.stack(out)
