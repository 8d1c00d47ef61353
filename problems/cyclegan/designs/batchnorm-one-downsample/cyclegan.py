"""CycleGAN with BatchNorm in place of InstanceNorm (the pix2pix default) and one downsample."""

import torch
from torch import nn


def cycle_consistency_loss(x, x_cycled, y, y_cycled, lam=10.0):
    return lam * (nn.functional.l1_loss(x_cycled, x) + nn.functional.l1_loss(y_cycled, y))


def identity_loss(a, a_same, b, b_same, lam=10.0):
    return cycle_consistency_loss(a, a_same, b, b_same, lam / 2)


def discriminator_ls_loss(d_real, d_fake):
    return 0.5 * ((d_real - 1).pow(2).mean() + d_fake.pow(2).mean())


def generator_ls_loss(d_fake):
    return (d_fake - 1).pow(2).mean()


class Block(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv1 = nn.Conv2d(c, c, 3, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(c)
        self.conv2 = nn.Conv2d(c, c, 3, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(c)

    def forward(self, x):
        return x + self.bn2(self.conv2(torch.relu(self.bn1(self.conv1(x)))))


class ResnetGenerator(nn.Module):
    def __init__(self, channels=3, k=24, blocks=3):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(channels, k, 5, padding=2, bias=False), nn.BatchNorm2d(k), nn.ReLU())
        self.down = nn.Sequential(nn.Conv2d(k, 2 * k, 3, 2, 1, bias=False), nn.BatchNorm2d(2 * k), nn.ReLU())
        self.blocks = nn.Sequential(*[Block(2 * k) for _ in range(blocks)])
        self.up = nn.Sequential(nn.ConvTranspose2d(2 * k, k, 4, 2, 1, bias=False), nn.BatchNorm2d(k), nn.ReLU())
        self.head = nn.Conv2d(k, channels, 5, padding=2)

    def forward(self, x):
        return torch.tanh(self.head(self.up(self.blocks(self.down(self.stem(x))))))


class PatchDiscriminator(nn.Module):
    def __init__(self, channels=3):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(channels, 16, 4, 2, 1), nn.LeakyReLU(0.2),
            nn.Conv2d(16, 32, 4, 2, 1, bias=False), nn.BatchNorm2d(32), nn.LeakyReLU(0.2),
            nn.Conv2d(32, 1, 3, 1, 1))

    def forward(self, x):
        return self.net(x)


class ImagePool:
    def __init__(self, size=50, generator=None):
        self.size = size
        self.gen = generator
        self.data = []

    def query(self, images):
        if self.size == 0:
            return images
        picked = []
        for im in images:
            im = im.detach().clone()
            if len(self.data) < self.size:
                self.data.append(im)
                picked.append(im)
            else:
                if torch.rand(1, generator=self.gen)[0] < 0.5:
                    i = torch.randint(0, self.size, (1,), generator=self.gen)[0].item()
                    old = self.data[i]
                    self.data[i] = im
                    picked.append(old)
                else:
                    picked.append(im)
        return torch.stack(picked)
