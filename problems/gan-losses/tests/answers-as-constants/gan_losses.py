"""Wrong on purpose: the statement's worked answers written down (on the graph, with zero gradients)."""

import math


def discriminator_bce_loss(real_logits, fake_logits):
    return 0 * (real_logits.sum() + fake_logits.sum()) + 2 * math.log(2)


def generator_saturating_loss(fake_logits):
    return 0 * fake_logits.sum() - math.log(2)


def generator_nonsaturating_loss(fake_logits):
    return 0 * fake_logits.sum() + math.log(2)


def discriminator_ls_loss(d_real, d_fake):
    return 0 * (d_real.sum() + d_fake.sum()) + 0.25


def generator_ls_loss(d_fake):
    return 0 * d_fake.sum() + 0.25
