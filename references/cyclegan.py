"""CycleGAN for small images (Zhu et al. 2017, "Unpaired Image-to-Image Translation using Cycle-Consistent
Adversarial Networks"), scaled down to 8x8 digits.

Two generators G_AB: A → B and G_BA: B → A (ResNet-block generators, Johnson et al. 2016), two PatchGAN
discriminators D_A and D_B (Isola et al. 2017), least-squares adversarial losses (Mao et al. 2017), the
cycle-consistency loss weighted by λ = 10 and the identity loss weighted by 0.5·λ (Zhu et al. §4 and §5.2),
and a pool of the last 50 generated images for the discriminators (Shrivastava et al. 2017). Images are
in [−1, 1], (B, C, H, W).
"""

import torch
from torch import Tensor, nn

try:  # as gradekit.calc.cyclegan, beside gradekit.calc.cycle_loss and gradekit.calc.gan_losses
    from . import cycle_loss, gan_losses
except ImportError:  # as a submission's top-level cyclegan.py, beside cycle_loss.py and gan_losses.py
    import cycle_loss
    import gan_losses


def cycle_consistency_loss(x: Tensor, x_cycled: Tensor, y: Tensor, y_cycled: Tensor, lam: float = 10.0) -> Tensor:
    """λ (mean |x_cycled − x| + mean |y_cycled − y|), as in cycle_loss.py: a scalar tensor."""
    return cycle_loss.cycle_consistency_loss(x, x_cycled, y, y_cycled, lam)


def discriminator_ls_loss(d_real: Tensor, d_fake: Tensor) -> Tensor:
    """J_D = 1/2 mean (D(x) - 1)^2 + 1/2 mean D(G(.))^2 on raw scores, as in gan_losses.py."""
    return gan_losses.discriminator_ls_loss(d_real, d_fake)


def generator_ls_loss(d_fake: Tensor) -> Tensor:
    """J_G = mean (D(G(.)) - 1)^2 on raw scores, as in gan_losses.py."""
    return gan_losses.generator_ls_loss(d_fake)


def identity_loss(a: Tensor, a_same: Tensor, b: Tensor, b_same: Tensor, lam: float = 10.0) -> Tensor:
    """0.5 · λ · (E‖G_BA(a) − a‖₁ + E‖G_AB(b) − b‖₁): a generator fed its own target domain should change nothing.

    ``a_same = G_BA(a)`` and ``b_same = G_AB(b)``; each expectation is the mean absolute
    error over every element, as in the cycle loss (Zhu et al. §5.2, weight 0.5 λ as in their code).
    """
    return cycle_loss.cycle_consistency_loss(a, a_same, b, b_same, 0.5 * lam)  # the same L1 sum, half weight


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
