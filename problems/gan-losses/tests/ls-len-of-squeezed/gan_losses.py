"""Wrong on purpose, at one edge only: the LS losses squeeze D's outputs and divide by len(), which a batch of one breaks."""

import torch.nn.functional as F


def discriminator_bce_loss(real_logits, fake_logits):
    return -(F.logsigmoid(real_logits).mean() + F.logsigmoid(-fake_logits).mean())


def generator_saturating_loss(fake_logits):
    return F.logsigmoid(-fake_logits).mean()


def generator_nonsaturating_loss(fake_logits):
    return -F.logsigmoid(fake_logits).mean()


def discriminator_ls_loss(d_real, d_fake):
    d_real, d_fake = d_real.squeeze(), d_fake.squeeze()  # D's (m, 1) outputs as (m,); m = 1 becomes 0-d
    return ((d_real - 1) ** 2).sum() / (2 * len(d_real)) + (d_fake ** 2).sum() / (2 * len(d_fake))


def generator_ls_loss(d_fake):
    d_fake = d_fake.squeeze()
    return ((d_fake - 1) ** 2).sum() / len(d_fake)  # len() of a 0-d tensor raises
