"""A sound design other than the reference's: torch's BCE-with-logits and MSE losses with explicit targets.

mean log D(x) = -BCE(real, 1) and mean log(1 - D(G(z))) = -BCE(fake, 0).
"""

import torch
import torch.nn.functional as F


def discriminator_bce_loss(real_logits, fake_logits):
    real = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
    fake = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    return real + fake


def generator_saturating_loss(fake_logits):
    return -F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))


def generator_nonsaturating_loss(fake_logits):
    return F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))


def discriminator_ls_loss(d_real, d_fake):
    return 0.5 * F.mse_loss(d_real, torch.ones_like(d_real)) + 0.5 * F.mse_loss(d_fake, torch.zeros_like(d_fake))


def generator_ls_loss(d_fake):
    return F.mse_loss(d_fake, torch.ones_like(d_fake))
