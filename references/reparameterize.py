"""The reparameterization trick: a Gaussian sample that gradients can flow through."""

import torch
from torch import Tensor


def reparameterize(mu: Tensor, logvar: Tensor, eps: Tensor) -> Tensor:
    """z = mu + sigma * eps with sigma = exp(logvar / 2), for eps ~ N(0, I) drawn by the caller.

    Kingma & Welling 2014, Sec. 2.4: the noise is an input, so z is a differentiable
    function of mu and logvar = log sigma^2 (dz/dmu = 1, dz/dlogvar = sigma * eps / 2).
    """
    sigma = torch.exp(0.5 * logvar)  # exp(logvar / 2), not sqrt(exp(logvar)): no overflow for large logvar
    return mu + sigma * eps  # same shape as mu
