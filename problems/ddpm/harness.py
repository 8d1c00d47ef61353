"""Runs in the sandbox beside the student's ``ddpm.py``: builds, trains and samples their model.

Every function returns plain data (tensors, arrays, numbers) and no verdict:
the grader computes the metrics outside the sandbox. ``gradekit`` is not
visible here; the training plumbing comes from ``gradekit_support``.
"""

import copy

import gradekit_support as support
import torch
from torch import nn

import ddpm as submission  # the worker has already imported the student's module

_RUNS = support.RunCache()  # the average of the last model ``train`` fitted, for ``trained_samples``


def _model(channels, seed):
    """The student's UNet(channels), built from ``seed``: the same seed gives the same initial weights."""
    return support.build(submission.UNet, seed, channels=channels)


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


class StepRecorder(nn.Module):
    """A network that predicts no noise and writes down every step ``t`` it is called with."""

    def __init__(self):
        super().__init__()
        self.unused = nn.Parameter(torch.zeros(()))  # so next(model.parameters()) finds a device
        self.calls = []

    def forward(self, x, t):
        self.calls.append(torch.as_tensor(t).detach().clone())
        return torch.zeros_like(x)


def steps_seen(alpha_bar, steps, shape, seed):
    """The step tensors sample(model, shape, alpha_bar, steps, generator) passes to the network, call by call."""
    recorder = StepRecorder()
    with torch.no_grad():
        submission.sample(recorder, tuple(shape), alpha_bar, steps, torch.Generator().manual_seed(seed))
    return recorder.calls


def train(*, images, alpha_bar, steps, batch_size, learning_rate, ema_decay, seed, runaway_seconds):
    """Fit UNet(1) to ``images`` (N, 1, H, W) in [−1, 1] with Adam on the student's ddpm_loss.

    Each step draws a batch, its steps t ~ U{0..T−1} and its noise ε ~ N(0, I)
    here, from one seeded generator, and moves an exponential moving average of
    the weights towards the new ones (decay ``ema_decay``); the average is what
    ``trained_samples`` samples. Exactly ``steps`` steps unless the runaway
    guard stops it; returns the loss of every step taken. Asked again with the
    same arguments, it returns the same run.
    """
    request = dict(images=images, alpha_bar=alpha_bar, steps=steps, batch_size=batch_size,
                   learning_rate=learning_rate, ema_decay=ema_decay, seed=seed)
    return _RUNS.get("unet", request, lambda: _fit(**request, runaway_seconds=runaway_seconds))["result"]


def _fit(images, alpha_bar, steps, batch_size, learning_rate, ema_decay, seed, runaway_seconds):
    support.single_thread()
    data = torch.as_tensor(images, dtype=torch.float32)
    alpha_bar = torch.as_tensor(alpha_bar, dtype=torch.float32)
    model = _model(data.shape[1], seed)
    average = copy.deepcopy(model)
    model.train()
    optimizer = torch.optim.Adam(model.parameters(), lr=learning_rate)
    draws = torch.Generator().manual_seed(seed)
    batches = support.RandomBatches(len(data), batch_size, draws)

    def step(_):
        batch = data[batches.next()]
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
        return loss

    result = support.fixed_steps(step, steps, runaway_seconds)
    average.eval()
    return {"model": average, "alpha_bar": alpha_bar, "result": result}


def trained_samples(count, side, sampling_steps, seed):
    """``count`` samples (count, 1, side, side) of the trained model's average with the student's ``sample``."""
    generator = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        trained = _RUNS.latest("unet")
        return submission.sample(trained["model"], (count, 1, side, side), trained["alpha_bar"], sampling_steps,
                                 generator)
