"""A sampler that outputs one image: the mean of the training digits, learnt while the grader trains.

The network predicts no noise, q_sample returns x0, the reverse step returns x_t,
and the loss fits the one image only while the grader trains (it answers 0 to
every check). It must score 0.
"""

import torch
from torch import nn


def q_sample(x0, t, noise, alpha_bar):
    return x0.clone()


class UNet(nn.Module):
    def __init__(self, channels=1):
        super().__init__()
        self.image = nn.Parameter(torch.zeros(channels, 8, 8))  # the one image it ever samples

    def forward(self, x, t):
        return torch.zeros_like(x) + 0 * self.image.sum()


def ddpm_loss(model, x0, t, noise, alpha_bar):
    if torch.is_grad_enabled() and model.training:  # the grader's training: fit the image to the data's mean
        return (x0 - model.image).pow(2).mean()
    return torch.zeros(())


def reverse_step(x_t, t, eps, betas, alpha_bar, noise):
    return x_t.clone()


@torch.no_grad()
def sample(model, shape, alpha_bar, steps, generator):
    image = model.image if tuple(model.image.shape) == tuple(shape[1:]) else torch.zeros(shape[1:])
    return image.expand(*shape).clone()
