"""Wrong on purpose: one BCE mean over the real and fake batches together: half the sum of the two means."""

import torch
import torch.nn.functional as F


def discriminator_bce_loss(real_logits, fake_logits):
    logits = torch.cat([real_logits, fake_logits])
    targets = torch.cat([torch.ones_like(real_logits), torch.zeros_like(fake_logits)])
    return F.binary_cross_entropy_with_logits(logits, targets)


def generator_saturating_loss(fake_logits):
    return F.logsigmoid(-fake_logits).mean()


def generator_nonsaturating_loss(fake_logits):
    return -F.logsigmoid(fake_logits).mean()


def discriminator_ls_loss(d_real, d_fake):
    return 0.5 * (d_real - 1).pow(2).mean() + 0.5 * d_fake.pow(2).mean()


def generator_ls_loss(d_fake):
    return (d_fake - 1).pow(2).mean()
