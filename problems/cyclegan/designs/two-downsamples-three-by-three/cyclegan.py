"""CycleGAN: 3x3 reflection-padded convolutions, two stride-2 downsamples, 6 narrow residual blocks, transposed-convolution upsampling."""

import torch
from torch import nn


def cycle_consistency_loss(x, x_cycled, y, y_cycled, lam=10.0):
    l1 = nn.L1Loss()
    return lam * (l1(x_cycled, x) + l1(y_cycled, y))


def identity_loss(a, a_same, b, b_same, lam=10.0):
    l1 = nn.L1Loss()
    return lam * 0.5 * (l1(a_same, a) + l1(b_same, b))


def discriminator_ls_loss(d_real, d_fake):
    mse = nn.MSELoss()
    return 0.5 * (mse(d_real, torch.ones_like(d_real)) + mse(d_fake, torch.zeros_like(d_fake)))


def generator_ls_loss(d_fake):
    return nn.MSELoss()(d_fake, torch.ones_like(d_fake))


def conv_norm_relu(cin, cout, stride=1):
    return [nn.Conv2d(cin, cout, 3, stride, 1, padding_mode="reflect"), nn.InstanceNorm2d(cout), nn.ReLU()]


class ResidualBlock(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.block = nn.Sequential(*conv_norm_relu(c, c), nn.Conv2d(c, c, 3, 1, 1, padding_mode="reflect"),
                                   nn.InstanceNorm2d(c))

    def forward(self, x):
        return x + self.block(x)


class ResnetGenerator(nn.Module):
    def __init__(self, channels=3, base=8, n_res=6):
        super().__init__()
        self.net = nn.Sequential(
            *conv_norm_relu(channels, base), *conv_norm_relu(base, 2 * base, 2), *conv_norm_relu(2 * base, 4 * base, 2),
            *[ResidualBlock(4 * base) for _ in range(n_res)],
            nn.ConvTranspose2d(4 * base, 2 * base, 4, 2, 1), nn.InstanceNorm2d(2 * base), nn.ReLU(),
            nn.ConvTranspose2d(2 * base, base, 4, 2, 1), nn.InstanceNorm2d(base), nn.ReLU(),
            nn.Conv2d(base, channels, 3, 1, 1, padding_mode="reflect"), nn.Tanh())

    def forward(self, x):
        return self.net(x)


class PatchDiscriminator(nn.Module):
    def __init__(self, channels=3):
        super().__init__()
        self.net = nn.Sequential(nn.Conv2d(channels, 16, 4, 2, 1), nn.LeakyReLU(0.2),
                                 nn.Conv2d(16, 32, 4, 2, 1), nn.LeakyReLU(0.2),
                                 nn.Conv2d(32, 1, 3, 1, 1))

    def forward(self, x):
        return self.net(x)


class ImagePool:
    def __init__(self, size=50, generator=None):
        self.size = size
        self.generator = generator
        self.buffer = []

    def query(self, images):
        if self.size == 0:
            return images
        returned = []
        for image in torch.unbind(images.detach()):
            if len(self.buffer) < self.size:
                self.buffer.append(image)
                returned.append(image)
            elif torch.rand((), generator=self.generator).item() < 0.5:
                k = torch.randint(len(self.buffer), (), generator=self.generator).item()
                self.buffer[k], image = image, self.buffer[k]
                returned.append(image)
            else:
                returned.append(image)
        return torch.stack(returned)
