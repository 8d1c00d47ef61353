"""CycleGAN with a wider, deeper generator at one downsample, zero padding, and a critic with a 4x4 score map."""

import torch
from torch import nn


def l1(a, b):
    return (a - b).abs().mean()


def cycle_consistency_loss(x, x_cycled, y, y_cycled, lam=10.0):
    return lam * l1(x_cycled, x) + lam * l1(y_cycled, y)


def identity_loss(a, a_same, b, b_same, lam=10.0):
    return 0.5 * lam * l1(a_same, a) + 0.5 * lam * l1(b_same, b)


def discriminator_ls_loss(d_real, d_fake):
    return 0.5 * (d_real - 1).square().mean() + 0.5 * d_fake.square().mean()


def generator_ls_loss(d_fake):
    return (d_fake - 1).square().mean()


class ResBlock(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(c, c, 3, 1, 1), nn.InstanceNorm2d(c), nn.ReLU(inplace=True),
                                  nn.Conv2d(c, c, 3, 1, 1), nn.InstanceNorm2d(c))

    def forward(self, x):
        return torch.relu(x + self.body(x))


class ResnetGenerator(nn.Module):
    def __init__(self, channels=3):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(channels, 32, 7, 1, 3), nn.InstanceNorm2d(32), nn.ReLU(inplace=True),
            nn.Conv2d(32, 64, 3, 2, 1), nn.InstanceNorm2d(64), nn.ReLU(inplace=True),
            *[ResBlock(64) for _ in range(4)],
            nn.ConvTranspose2d(64, 32, 3, 2, 1, output_padding=1), nn.InstanceNorm2d(32), nn.ReLU(inplace=True),
            nn.Conv2d(32, channels, 7, 1, 3), nn.Tanh())

    def forward(self, x):
        return self.net(x)


class PatchDiscriminator(nn.Module):
    def __init__(self, channels=3):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(channels, 32, 4, 2, 1), nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(32, 64, 3, 1, 1), nn.InstanceNorm2d(64), nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(64, 1, 3, 1, 1))

    def forward(self, x):
        return self.net(x)


class ImagePool:
    def __init__(self, size=50, generator=None):
        self.size = size
        self.generator = generator
        self.history = []

    def query(self, images):
        if not self.size:
            return images
        out = torch.empty_like(images)
        for i, image in enumerate(images.detach()):
            if len(self.history) < self.size:
                self.history.append(image)
                out[i] = image
            elif torch.rand(1, generator=self.generator).item() > 0.5:
                out[i] = image
            else:
                j = torch.randint(0, self.size, (1,), generator=self.generator).item()
                out[i] = self.history[j]
                self.history[j] = image
        return out
