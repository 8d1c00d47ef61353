"""Wrong on purpose: numpy arrays instead of tensors, right values."""

import numpy as np


def linear_beta_schedule(T, beta_start=1e-4, beta_end=0.02):
    return np.linspace(beta_start, beta_end, T)


def alpha_bar(betas):
    return np.cumprod(1 - np.asarray(betas))


def q_sample(x0, t, noise, alpha_bar):
    x0, noise = np.asarray(x0), np.asarray(noise)
    a = np.asarray(alpha_bar)[np.asarray(t)].reshape(-1, *[1] * (x0.ndim - 1))
    return np.sqrt(a) * x0 + np.sqrt(1 - a) * noise
