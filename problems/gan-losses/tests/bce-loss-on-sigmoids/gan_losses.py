"""Wrong at huge logits only: nn.functional.binary_cross_entropy on sigmoid outputs (its log clamped at -100)."""
import torch
import torch.nn.functional as F
def discriminator_bce_loss(real_logits, fake_logits):
    r, f = torch.sigmoid(real_logits), torch.sigmoid(fake_logits)
    return F.binary_cross_entropy(r, torch.ones_like(r)) + F.binary_cross_entropy(f, torch.zeros_like(f))
def generator_saturating_loss(fake_logits):
    f = torch.sigmoid(fake_logits)
    return -F.binary_cross_entropy(f, torch.zeros_like(f))
def generator_nonsaturating_loss(fake_logits):
    f = torch.sigmoid(fake_logits)
    return F.binary_cross_entropy(f, torch.ones_like(f))
def discriminator_ls_loss(d_real, d_fake):
    return 0.5 * F.mse_loss(d_real, torch.ones_like(d_real)) + 0.5 * F.mse_loss(d_fake, torch.zeros_like(d_fake))
def generator_ls_loss(d_fake):
    return F.mse_loss(d_fake, torch.ones_like(d_fake))
