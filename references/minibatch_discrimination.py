"""Minibatch discrimination (Salimans et al. 2016, "Improved Techniques for Training GANs", §3.2)."""

import torch
from torch import Tensor


def minibatch_features(f: Tensor, T: Tensor) -> Tensor:
    """The closeness features o(x_i) of every sample of a minibatch, shape (N, B).

    M_i = f(x_i) · T reshaped to a (B, C) matrix; for each of the B rows,
    c_b(x_i, x_j) = exp(−‖M_i,b − M_j,b‖_L1) (L1 norm over the C columns), and
    o(x_i)_b = Σ_j c_b(x_i, x_j), summing over every j including j = i, so each
    feature lies in [1, N] and a batch of N identical samples gives N.
    """
    n = f.shape[0]
    a, b, c = T.shape
    M = (f @ T.reshape(a, b * c)).reshape(n, b, c)  # (N, B, C)
    l1 = torch.abs(M[:, None] - M[None, :]).sum(dim=-1)  # (N, N, B): ‖M_i,b − M_j,b‖_L1
    return torch.exp(-l1).sum(dim=1)  # (N, B): the sum over j, self term included
