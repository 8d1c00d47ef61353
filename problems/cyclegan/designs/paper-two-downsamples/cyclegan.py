"""CycleGAN with the paper's generator scaled down: c7s1-k, d2k, d4k, R4k x 3, u2k, uk, c7s1-3, tanh (Zhu et al., App. 7.2)."""

import random

import torch
import torch.nn.functional as F
from torch import nn

def cycle_consistency_loss(x, x_cycled, y, y_cycled, lam=10.0):
    return lam * (F.l1_loss(x_cycled, x) + F.l1_loss(y_cycled, y))

def identity_loss(a, a_same, b, b_same, lam=10.0):
    return 0.5 * lam * (F.l1_loss(a_same, a) + F.l1_loss(b_same, b))

def discriminator_ls_loss(d_real, d_fake):
    return 0.5 * F.mse_loss(d_real, torch.ones_like(d_real)) + 0.5 * F.mse_loss(d_fake, torch.zeros_like(d_fake))

def generator_ls_loss(d_fake):
    return F.mse_loss(d_fake, torch.ones_like(d_fake))

class ResnetBlock(nn.Module):
    def __init__(self, dim):
        super().__init__()
        self.conv_block = nn.Sequential(
            nn.ReflectionPad2d(1), nn.Conv2d(dim, dim, 3), nn.InstanceNorm2d(dim), nn.ReLU(True),
            nn.ReflectionPad2d(1), nn.Conv2d(dim, dim, 3), nn.InstanceNorm2d(dim))

    def forward(self, x):
        return x + self.conv_block(x)

class ResnetGenerator(nn.Module):
    def __init__(self, channels=3, ngf=16, n_blocks=3):
        super().__init__()
        model = [nn.ReflectionPad2d(3), nn.Conv2d(channels, ngf, 7), nn.InstanceNorm2d(ngf), nn.ReLU(True)]
        for i in range(2):  # downsample twice
            mult = 2 ** i
            model += [nn.Conv2d(ngf * mult, ngf * mult * 2, 3, stride=2, padding=1), nn.InstanceNorm2d(ngf * mult * 2),
                      nn.ReLU(True)]
        model += [ResnetBlock(ngf * 4) for _ in range(n_blocks)]
        for i in range(2):  # upsample twice
            mult = 2 ** (2 - i)
            model += [nn.ConvTranspose2d(ngf * mult, ngf * mult // 2, 3, stride=2, padding=1, output_padding=1),
                      nn.InstanceNorm2d(ngf * mult // 2), nn.ReLU(True)]
        model += [nn.ReflectionPad2d(3), nn.Conv2d(ngf, channels, 7), nn.Tanh()]
        self.model = nn.Sequential(*model)

    def forward(self, x):
        return self.model(x)

class PatchDiscriminator(nn.Module):
    def __init__(self, channels=3, ndf=16):
        super().__init__()
        self.model = nn.Sequential(
            nn.Conv2d(channels, ndf, 4, 2, 1), nn.LeakyReLU(0.2, True),
            nn.Conv2d(ndf, ndf * 2, 4, 2, 1), nn.InstanceNorm2d(ndf * 2), nn.LeakyReLU(0.2, True),
            nn.Conv2d(ndf * 2, 1, 3, 1, 1))

    def forward(self, x):
        return self.model(x)

class ImagePool:
    def __init__(self, size=50, generator=None):
        self.pool_size = size
        self.generator = generator
        self.images = []

    def query(self, images):
        if self.pool_size == 0:
            return images
        out = []
        for image in images:
            image = image.detach()
            if len(self.images) < self.pool_size:
                self.images.append(image)
                out.append(image)
            elif torch.rand(1, generator=self.generator).item() < 0.5:
                index = torch.randint(0, self.pool_size, (1,), generator=self.generator).item()
                out.append(self.images[index].clone())
                self.images[index] = image
            else:
                out.append(image)
        return torch.stack(out)
