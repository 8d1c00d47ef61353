import torch


def cycle_consistency_loss(x, x_cycled, y, y_cycled, lam=10.0):
    # mean squared error: L2, not the paper's L1
    return lam * (torch.mean((x_cycled - x) ** 2) + torch.mean((y_cycled - y) ** 2))
