import torch


def cycle_consistency_loss(x, x_cycled, y, y_cycled, lam=10.0):
    return lam * torch.mean(torch.abs(x_cycled - x))  # forgets the backward cycle G(F(y))
