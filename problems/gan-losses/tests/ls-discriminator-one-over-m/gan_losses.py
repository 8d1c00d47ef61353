"""Wrong on purpose: 1/m instead of the assignment's 1/(2m) in the least-squares discriminator loss."""

import torch.nn.functional as F


def discriminator_bce_loss(real_logits, fake_logits):
    return -(F.logsigmoid(real_logits).mean() + F.logsigmoid(-fake_logits).mean())


def generator_saturating_loss(fake_logits):
    return F.logsigmoid(-fake_logits).mean()


def generator_nonsaturating_loss(fake_logits):
    return -F.logsigmoid(fake_logits).mean()


def discriminator_ls_loss(d_real, d_fake):
    return (d_real - 1).pow(2).mean() + d_fake.pow(2).mean()


def generator_ls_loss(d_fake):
    return (d_fake - 1).pow(2).mean()
