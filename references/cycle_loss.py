"""CycleGAN's cycle-consistency loss (Zhu et al. 2017, eq. 2; exam Q10)."""

import torch
from torch import Tensor


def cycle_consistency_loss(x: Tensor, x_cycled: Tensor, y: Tensor, y_cycled: Tensor,
                           lam: float = 10.0) -> Tensor:
    """λ · (E‖F(G(x)) − x‖₁ + E‖G(F(y)) − y‖₁), a scalar tensor.

    ``x_cycled = F(G(x))`` and ``y_cycled = G(F(y))``. Each expectation is the
    mean absolute error over every element (batch, channels, pixels), so both
    directions weigh the same whatever their image sizes.
    """
    forward = torch.mean(torch.abs(x_cycled - x))  # X → Y → X
    backward = torch.mean(torch.abs(y_cycled - y))  # Y → X → Y
    return lam * (forward + backward)
