import torch


def cycle_consistency_loss(x, x_cycled, y, y_cycled, lam=10.0):
    # sums the absolute errors instead of averaging them over the elements
    return lam * (torch.sum(torch.abs(x_cycled - x)) + torch.sum(torch.abs(y_cycled - y)))
