"""Wrong on purpose: least-squares losses per sample, not averaged: not scalars."""

import torch.nn.functional as F


def discriminator_bce_loss(real_logits, fake_logits):
    return -(F.logsigmoid(real_logits).mean() + F.logsigmoid(-fake_logits).mean())


def generator_saturating_loss(fake_logits):
    return F.logsigmoid(-fake_logits).mean()


def generator_nonsaturating_loss(fake_logits):
    return -F.logsigmoid(fake_logits).mean()


def discriminator_ls_loss(d_real, d_fake):
    return 0.5 * (d_real - 1).pow(2) + 0.5 * d_fake.pow(2)


def generator_ls_loss(d_fake):
    return (d_fake - 1).pow(2)
