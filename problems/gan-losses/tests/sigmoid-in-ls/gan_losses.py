"""Wrong on purpose: applies sigmoid to D's raw outputs in the least-squares losses."""

import torch
import torch.nn.functional as F


def discriminator_bce_loss(real_logits, fake_logits):
    return -(F.logsigmoid(real_logits).mean() + F.logsigmoid(-fake_logits).mean())


def generator_saturating_loss(fake_logits):
    return F.logsigmoid(-fake_logits).mean()


def generator_nonsaturating_loss(fake_logits):
    return -F.logsigmoid(fake_logits).mean()


def discriminator_ls_loss(d_real, d_fake):
    return 0.5 * (torch.sigmoid(d_real) - 1).pow(2).mean() + 0.5 * torch.sigmoid(d_fake).pow(2).mean()


def generator_ls_loss(d_fake):
    return (torch.sigmoid(d_fake) - 1).pow(2).mean()
