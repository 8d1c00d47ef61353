"""Wrong on purpose: log(sigmoid(x)) and log(1 - sigmoid(x)): right at moderate logits, -inf at |logit| = 100."""

import torch


def log_d(logits):
    return torch.log(torch.sigmoid(logits))


def log_one_minus_d(logits):
    return torch.log(1 - torch.sigmoid(logits))


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
