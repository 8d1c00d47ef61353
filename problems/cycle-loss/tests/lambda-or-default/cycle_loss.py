"""Wrong on purpose, at one edge only: `lam or 10.0` takes lam = 0 for a missing weight."""

import torch


def cycle_consistency_loss(x, x_cycled, y, y_cycled, lam=None):
    lam = lam or 10.0  # 0.0 is falsy: an explicit lam = 0 silently becomes the default 10
    return lam * (torch.mean(torch.abs(x_cycled - x)) + torch.mean(torch.abs(y_cycled - y)))
