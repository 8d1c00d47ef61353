"""A sound design other than the reference's: a running product in a loop, one sample at a time."""

import torch


def linear_beta_schedule(T, beta_start=1e-4, beta_end=0.02):
    return torch.linspace(beta_start, beta_end, steps=T)


def alpha_bar(betas):
    products, running = [], torch.ones((), dtype=betas.dtype)
    for beta in betas:
        running = running * (1 - beta)
        products.append(running)
    return torch.stack(products)


def q_sample(x0, t, noise, alpha_bar):
    rows = []
    for i in range(x0.shape[0]):
        a = alpha_bar[t[i]]
        rows.append(a.sqrt() * x0[i] + (1 - a).sqrt() * noise[i])
    return torch.stack(rows)
