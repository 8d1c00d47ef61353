"""A student's denoising autoencoder: add_patch_noise ignores its generator and draws from torch's global random state"""

import torch
from torch import nn


def add_patch_noise(images, patch=8, generator=None):
    batch, height, width = images.shape
    if patch > height or patch > width:
        raise ValueError("the patch does not fit in the image")
    noisy = images.clone()
    for i in range(batch):
        top = int(torch.randint(0, height - patch + 1, (1,)))
        left = int(torch.randint(0, width - patch + 1, (1,)))
        noisy[i, top:top + patch, left:left + patch] = torch.rand(patch, patch)
    return noisy


def denoising_loss(denoised, clean):
    return ((denoised - clean) ** 2).sum(dim=1).mean()


class DenoisingAutoencoder(nn.Module):
    def __init__(self, input_dim=64):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(input_dim, 256), nn.ReLU(), nn.Linear(256, 64), nn.ReLU(),
                                 nn.Linear(64, 256), nn.ReLU(), nn.Linear(256, input_dim), nn.Sigmoid())

    def forward(self, x):
        return self.net(x)
