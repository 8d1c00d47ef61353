import torch


def cycle_consistency_loss(x, x_cycled, y, y_cycled, lam=10.0):
    loss = lam * (torch.mean(torch.abs(x_cycled - x)) + torch.mean(torch.abs(y_cycled - y)))
    return loss.item()  # a Python float: nothing to call .backward() on
