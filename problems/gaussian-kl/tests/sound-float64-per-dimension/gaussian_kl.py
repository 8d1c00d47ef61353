"""A sound design other than the reference's: one latent dimension at a time, accumulated in float64.

KL = sum_j 1/2 (mu_j^2 + sigma_j^2 - 1 - log sigma_j^2), the same closed form with its terms rearranged.
"""

import torch


def gaussian_kl(mu, logvar):
    mu, logvar = mu.double(), logvar.double()
    total = torch.zeros(mu.shape[0], dtype=torch.float64)
    for j in range(mu.shape[1]):
        total = total + 0.5 * (mu[:, j] ** 2 + torch.exp(logvar[:, j]) - 1.0 - logvar[:, j])
    return total.float()  # (batch,), float32 like the inputs
