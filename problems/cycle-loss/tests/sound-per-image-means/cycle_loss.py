"""A sound design other than the reference's: each image's mean error, then the batch mean of those.

Every image of a batch has as many elements, so the mean of the per-image means is the mean over
all elements.
"""

import torch


def per_image_l1(images, cycled):
    return (cycled - images).abs().flatten(start_dim=1).mean(dim=1)  # (B,)


def cycle_consistency_loss(x, x_cycled, y, y_cycled, lam=10.0):
    total = per_image_l1(x, x_cycled).mean() + per_image_l1(y, y_cycled).mean()
    return torch.mul(total, lam)
