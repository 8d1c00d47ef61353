"""Runs in the sandbox beside the student's ``toy_gan.py``: builds, traces and trains their GAN.

Every function returns plain data (tensors, arrays, numbers, lists) and no
verdict: the grader checks the architecture and computes the metrics outside
the sandbox. ``gradekit`` is not visible here, so the few lines of tracing
and training loop are this file's own.
"""

import hashlib
import time

import numpy as np
import torch
from torch.overrides import TorchFunctionMode

import toy_gan as submission  # the worker has already imported the student's module

_TRAINED = {}  # the last GAN ``train`` fitted, with what it was asked, for the calls that query it


class _OpTrace(TorchFunctionMode):
    """Records every torch operation a forward pass runs, in order: [name, output shape]."""

    def __init__(self):
        super().__init__()
        self.ops = []

    def __torch_function__(self, func, types, args=(), kwargs=None):
        out = func(*args, **(kwargs or {}))
        if isinstance(out, torch.Tensor):
            self.ops.append([getattr(func, "__name__", "?").rstrip("_"), list(out.shape)])
        return out


def sample_data(n, seed):
    """sample_data(n, rng) with rng = np.random.default_rng(seed)."""
    return submission.sample_data(n, np.random.default_rng(seed))


def generator_trace(noise_dim, hidden, seed, z):
    """An untrained Generator(noise_dim, hidden): its output for z and the operations it ran."""
    torch.manual_seed(seed)
    model = submission.Generator(noise_dim=noise_dim, hidden=tuple(hidden))
    with torch.no_grad(), _OpTrace() as trace:
        out = model(z)
    return {"output": out, "ops": trace.ops}


def discriminator_trace(hidden, seed, x):
    """An untrained Discriminator(hidden): logits, features and the operations each ran."""
    torch.manual_seed(seed)
    model = submission.Discriminator(hidden=tuple(hidden))
    with torch.no_grad():
        with _OpTrace() as forward:
            logits = model(x)
        with _OpTrace() as features:
            feature_values = model.features(x)
    return {"logits": logits, "ops": forward.ops, "features": feature_values, "feature_ops": features.ops}


def train(real_points, noise_dim, hidden, steps, batch_size, learning_rate, seed, seconds):
    """Fit the student's GAN to ``real_points`` (N, 2) with RMSprop, one D step then one G step per step.

    Noise is uniform on [-1, 1]^noise_dim. Stops after ``steps`` steps or
    ``seconds`` seconds, and returns both losses of every step taken. Asked
    again with the same arguments, it returns the same run without training again.
    """
    request = (noise_dim, tuple(hidden), steps, batch_size, learning_rate, seed,
               hashlib.sha256(np.ascontiguousarray(real_points).tobytes()).hexdigest())
    if _TRAINED.get("request") == request:
        return _TRAINED["result"]
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    generator = submission.Generator(noise_dim=noise_dim, hidden=tuple(hidden))
    discriminator = submission.Discriminator(hidden=tuple(hidden))
    g_optimizer = torch.optim.RMSprop(generator.parameters(), lr=learning_rate)
    d_optimizer = torch.optim.RMSprop(discriminator.parameters(), lr=learning_rate)
    data = torch.as_tensor(real_points, dtype=torch.float32)
    draws = torch.Generator().manual_seed(seed)
    noise = lambda: 2 * torch.rand(batch_size, noise_dim, generator=draws) - 1  # noqa: E731
    d_losses, g_losses, started = [], [], time.monotonic()
    for _ in range(steps):
        if time.monotonic() - started > seconds:
            break
        real = data[torch.randint(0, len(data), (batch_size,), generator=draws)]
        d_loss = submission.discriminator_loss(discriminator(real), discriminator(generator(noise()).detach()))
        d_optimizer.zero_grad()
        d_loss.backward()
        d_optimizer.step()
        g_loss = submission.generator_loss(discriminator(generator(noise())))
        g_optimizer.zero_grad()
        g_loss.backward()
        g_optimizer.step()
        d_losses.append(d_loss.item())
        g_losses.append(g_loss.item())
    result = {"d_losses": np.array(d_losses), "g_losses": np.array(g_losses), "seconds": time.monotonic() - started}
    _TRAINED.update(request=request, generator=generator.eval(), result=result)
    return result


def trained_generate(z):
    """The trained generator's points for the noise ``z`` the grader drew."""
    with torch.no_grad():
        return _TRAINED["generator"](torch.as_tensor(z, dtype=torch.float32))
