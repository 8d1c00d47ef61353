"""The reference's CycleGAN networks and image pool, for the zero-losses wrong submission."""

import torch
from torch import Tensor, nn


class ResidualBlock(nn.Module):
    """x + conv-norm-ReLU-conv-norm(x), reflection-padded (Johnson et al. 2016)."""

    def __init__(self, channels: int):
        super().__init__()
        self.body = nn.Sequential(
            nn.ReflectionPad2d(1), nn.Conv2d(channels, channels, 3), nn.InstanceNorm2d(channels), nn.ReLU(True),
            nn.ReflectionPad2d(1), nn.Conv2d(channels, channels, 3), nn.InstanceNorm2d(channels))

    def forward(self, x: Tensor) -> Tensor:
        return x + self.body(x)  # (B, C, H, W)


class ResnetGenerator(nn.Module):
    """c3s1-k, d2k, ``blocks`` × R2k, u-k, c3s1-channels, tanh: CycleGAN's generator with 3x3 kernels and one
    downsampling, for images whose sides are even. (B, channels, H, W) in [−1, 1] → the same shape in [−1, 1].
    """

    def __init__(self, channels: int = 1, features: int = 16, blocks: int = 2):
        super().__init__()
        self.net = nn.Sequential(
            nn.ReflectionPad2d(1), nn.Conv2d(channels, features, 3), nn.InstanceNorm2d(features), nn.ReLU(True),
            nn.Conv2d(features, 2 * features, 3, stride=2, padding=1), nn.InstanceNorm2d(2 * features),
            nn.ReLU(True),  # (B, 2k, H/2, W/2)
            *[ResidualBlock(2 * features) for _ in range(blocks)],
            nn.ConvTranspose2d(2 * features, features, 3, stride=2, padding=1, output_padding=1),
            nn.InstanceNorm2d(features), nn.ReLU(True),  # (B, k, H, W)
            nn.ReflectionPad2d(1), nn.Conv2d(features, channels, 3), nn.Tanh())

    def forward(self, x: Tensor) -> Tensor:
        return self.net(x)  # (B, channels, H, W)


class PatchDiscriminator(nn.Module):
    """C-k (no norm), C-2k, then a 1-channel conv: a map of real/fake scores, one per overlapping patch.

    The 70x70 PatchGAN of Isola et al. with two stride-2 layers instead of three; raw scores (no sigmoid)
    for the least-squares loss. (B, channels, H, W) → (B, 1, H/4, W/4).
    """

    def __init__(self, channels: int = 1, features: int = 16):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(channels, features, 4, stride=2, padding=1), nn.LeakyReLU(0.2, True),  # (B, k, H/2, W/2)
            nn.Conv2d(features, 2 * features, 4, stride=2, padding=1), nn.InstanceNorm2d(2 * features),
            nn.LeakyReLU(0.2, True),  # (B, 2k, H/4, W/4)
            nn.Conv2d(2 * features, 1, 3, padding=1))

    def forward(self, x: Tensor) -> Tensor:
        return self.net(x)  # (B, 1, H/4, W/4)


class ImagePool:
    """A history of up to ``size`` generated images; the discriminators learn from it (Shrivastava et al. 2017).

    ``query(images)`` returns a batch of the same shape: while the pool is filling, each image is stored
    and returned as it is; once full, each image is, with probability 1/2, swapped for a random stored one
    (which it replaces in the pool), and otherwise returned as it is. ``size = 0`` turns the pool off.
    Random choices come from ``generator`` only.
    """

    def __init__(self, size: int = 50, generator: torch.Generator | None = None):
        self.size = size
        self.generator = generator
        self.images: list[Tensor] = []

    def query(self, images: Tensor) -> Tensor:
        if self.size == 0:
            return images
        returned = []
        for image in images.detach():
            if len(self.images) < self.size:
                self.images.append(image)
                returned.append(image)
            elif torch.rand((), generator=self.generator) < 0.5:
                slot = int(torch.randint(self.size, (), generator=self.generator))
                returned.append(self.images[slot])
                self.images[slot] = image
            else:
                returned.append(image)
        return torch.stack(returned)  # (B, C, H, W)
