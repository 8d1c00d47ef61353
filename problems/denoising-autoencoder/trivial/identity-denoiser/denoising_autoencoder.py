"""An identity denoiser: it returns the noisy image, clipped to [0, 1]; the noise and the loss answer trivially.

add_patch_noise returns the images unchanged and the loss is zero. It must score 0
(it once earned "keeps the clean pixels" with a PSNR of infinity).
"""

import torch
from torch import nn


def add_patch_noise(images, patch=8, generator=None):
    return images.clone()


def denoising_loss(denoised, clean):
    return 0 * denoised.sum()


class DenoisingAutoencoder(nn.Module):
    def __init__(self, input_dim=64):
        super().__init__()
        self.unused = nn.Parameter(torch.zeros(()))  # something for the optimiser to hold

    def forward(self, noisy):
        return noisy.clamp(0, 1) + 0 * self.unused
