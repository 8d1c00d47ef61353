"""Wrong on purpose: treats the logits as probabilities D (no sigmoid): log 0 at logit 0, wrong gradients."""

import torch


def log_d(p):
    return torch.log(p)


def log_one_minus_d(p):
    return torch.log(1 - p)


def discriminator_bce_loss(real_logits, fake_logits):
    return -(log_d(real_logits).mean() + log_one_minus_d(fake_logits).mean())


def generator_saturating_loss(fake_logits):
    return log_one_minus_d(fake_logits).mean()


def generator_nonsaturating_loss(fake_logits):
    return -log_d(fake_logits).mean()


def discriminator_ls_loss(d_real, d_fake):
    return 0.5 * (d_real - 1).pow(2).mean() + 0.5 * d_fake.pow(2).mean()


def generator_ls_loss(d_fake):
    return (d_fake - 1).pow(2).mean()
