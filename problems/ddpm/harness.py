"""Runs in the sandbox beside the student's ``ddpm.py``: builds, trains and samples their model.

Every function returns plain data (tensors, arrays, numbers) and no verdict:
the grader computes the metrics outside the sandbox. ``gradekit`` is not
visible here, so the few lines of training loop are this file's own.
"""

import copy
import hashlib
import time

import numpy as np
import torch
from torch import nn

import ddpm as submission  # the worker has already imported the student's module

_TRAINED = {}  # the average of the last model ``train`` fitted, with what it was asked, for ``trained_samples``


def _model(channels, seed):
    torch.manual_seed(seed)  # same seed, same initial weights: calls on one model agree
    model = submission.UNet(channels=channels)
    model.eval()
    return model


def predictions(channels, seed, x_t, steps):
    """An untrained UNet(channels)'s output for the batches ``x_t`` and their ``steps``, as it is."""
    with torch.no_grad():
        return _model(channels, seed)(x_t, steps)


def loss_terms(seed, x0, t, noise, alpha_bar, x_t):
    """ddpm_loss(model, x0, t, noise, alpha_bar) of an untrained UNet(1), and the same model's output at x_t."""
    model = _model(1, seed)
    with torch.no_grad():
        return {"loss": submission.ddpm_loss(model, x0, t, noise, alpha_bar), "prediction": model(x_t, t)}


class GaussianOracle(nn.Module):
    """The exact ε-predictor of data N(mean, std²) (every coordinate independent).

    With x_t = √ᾱ x_0 + √(1 − ᾱ) ε, E[ε | x_t] = √(1 − ᾱ) (x_t − √ᾱ mean) / (ᾱ std² + 1 − ᾱ).
    """

    def __init__(self, mean, std, alpha_bar):
        super().__init__()
        self.mean, self.std = float(mean), float(std)
        self.register_buffer("alpha_bar", alpha_bar.double())
        self.unused = nn.Parameter(torch.zeros(()))  # so next(model.parameters()) finds a device

    def forward(self, x, t):
        a = self.alpha_bar[t].reshape(-1, *[1] * (x.dim() - 1))  # (B, 1, 1, 1)
        eps = (1 - a).sqrt() * (x.double() - a.sqrt() * self.mean) / (a * self.std**2 + 1 - a)
        return eps.to(x.dtype)


def oracle_samples(mean, std, alpha_bar, steps, shape, seed):
    """sample(oracle, shape, alpha_bar, steps, generator) for the exact ε-predictor of N(mean, std²)."""
    oracle = GaussianOracle(mean, std, alpha_bar)
    return submission.sample(oracle, tuple(shape), alpha_bar, steps, torch.Generator().manual_seed(seed))


def train(images, alpha_bar, steps, batch_size, learning_rate, ema_decay, seed, seconds):
    """Fit UNet(1) to ``images`` (N, 1, H, W) in [−1, 1] with Adam on the student's ddpm_loss.

    Each step draws a batch, its steps t ~ U{0..T−1} and its noise ε ~ N(0, I)
    here, from one seeded generator, and moves an exponential moving average of
    the weights towards the new ones (decay ``ema_decay``); the average is what
    ``trained_samples`` samples. Stops after ``steps`` steps or ``seconds``
    seconds, whichever comes first, and returns the loss of every step taken.
    Asked again with the same arguments, it returns the same run.
    """
    request = (steps, batch_size, learning_rate, ema_decay, seed,
               hashlib.sha256(np.ascontiguousarray(images).tobytes()).hexdigest())
    if _TRAINED.get("request") == request:
        return _TRAINED["result"]
    torch.set_num_threads(1)
    data = torch.as_tensor(images, dtype=torch.float32)
    alpha_bar = torch.as_tensor(alpha_bar, dtype=torch.float32)
    model = _model(data.shape[1], seed)
    average = copy.deepcopy(model)
    model.train()
    optimizer = torch.optim.Adam(model.parameters(), lr=learning_rate)
    draws = torch.Generator().manual_seed(seed)
    losses, started = [], time.monotonic()
    for _ in range(steps):
        if time.monotonic() - started > seconds:
            break
        batch = data[torch.randint(len(data), (batch_size,), generator=draws)]
        t = torch.randint(len(alpha_bar), (batch_size,), generator=draws)
        noise = torch.randn(batch.shape, generator=draws)
        loss = submission.ddpm_loss(model, batch, t, noise, alpha_bar)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        with torch.no_grad():
            for kept, new in zip(average.parameters(), model.parameters()):
                kept.lerp_(new, 1 - ema_decay)
            for kept, new in zip(average.buffers(), model.buffers()):
                kept.copy_(new)
        losses.append(loss.item())
    average.eval()
    result = {"losses": np.array(losses), "seconds": time.monotonic() - started}
    _TRAINED.update(request=request, model=average, alpha_bar=alpha_bar, result=result)
    return result


def trained_samples(count, side, sampling_steps, seed):
    """``count`` samples (count, 1, side, side) of the trained model's average with the student's ``sample``."""
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        return submission.sample(_TRAINED["model"], (count, 1, side, side), _TRAINED["alpha_bar"],
                                 sampling_steps, generator)
