"""A sound design other than the reference's: softplus, since -log sigmoid(l) = softplus(-l) and
log(1 - sigmoid(l)) = -softplus(l); the least-squares means written as sums over m."""

import torch.nn.functional as F


def discriminator_bce_loss(real_logits, fake_logits):
    return F.softplus(-real_logits).mean() + F.softplus(fake_logits).mean()


def generator_saturating_loss(fake_logits):
    return -F.softplus(fake_logits).mean()


def generator_nonsaturating_loss(fake_logits):
    return F.softplus(-fake_logits).mean()


def discriminator_ls_loss(d_real, d_fake):
    return ((d_real - 1) ** 2).sum() / (2 * d_real.numel()) + (d_fake ** 2).sum() / (2 * d_fake.numel())


def generator_ls_loss(d_fake):
    return ((1 - d_fake) ** 2).sum() / d_fake.numel()
