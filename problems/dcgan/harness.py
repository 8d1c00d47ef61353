"""Runs in the sandbox beside the student's ``dcgan.py``: builds, traces and trains their DCGAN.

Every function returns plain data (tensors, arrays, numbers, lists) and no
verdict: the grader checks the architecture and computes the FID outside the
sandbox. ``gradekit`` is not visible here, so the few lines of tracing and
training loop are this file's own.
"""

import hashlib
import time

import numpy as np
import torch
from torch.overrides import TorchFunctionMode

import dcgan as submission  # the worker has already imported the student's module

_TRAINED = {}  # the last DCGAN ``train`` fitted, with what it was asked, for the calls that query it


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


def generator_trace(noise_dim, conv_dim, seed, z):
    """An untrained Generator(noise_dim, conv_dim) in training mode: its images for z and the operations it ran."""
    torch.manual_seed(seed)
    model = submission.Generator(noise_dim=noise_dim, conv_dim=conv_dim)
    with torch.no_grad(), _OpTrace() as trace:
        images = model(z)
    return {"images": images, "ops": trace.ops}


def discriminator_trace(conv_dim, seed, x):
    """An untrained Discriminator(conv_dim) in training mode: its scores for x and the operations it ran."""
    torch.manual_seed(seed)
    model = submission.Discriminator(conv_dim=conv_dim)
    with torch.no_grad(), _OpTrace() as trace:
        scores = model(x)
    return {"scores": scores, "ops": trace.ops}


def train(images, noise_dim, conv_dim, steps, batch_size, learning_rate, betas, seed, seconds, snapshot_steps):
    """Fit the student's DCGAN to ``images`` (N, 3, 32, 32) in [-1, 1] with Adam and the student's losses.

    The assignment's Algorithm 1: each step one discriminator update on m real
    images and m fakes, then one generator update on m new fakes; noise
    N(0, I). Keeps a copy of the generator's weights after each step of
    ``snapshot_steps``. Stops after ``steps`` steps or ``seconds`` seconds and
    returns both losses of every step taken and the steps snapshotted. Asked
    again with the same arguments, it returns the same run without training again.
    """
    request = (noise_dim, conv_dim, steps, batch_size, learning_rate, tuple(betas), seed, tuple(snapshot_steps),
               hashlib.sha256(np.ascontiguousarray(images).tobytes()).hexdigest())
    if _TRAINED.get("request") == request:
        return _TRAINED["result"]
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    generator = submission.Generator(noise_dim=noise_dim, conv_dim=conv_dim)
    discriminator = submission.Discriminator(conv_dim=conv_dim)
    g_optimizer = torch.optim.Adam(generator.parameters(), lr=learning_rate, betas=tuple(betas))
    d_optimizer = torch.optim.Adam(discriminator.parameters(), lr=learning_rate, betas=tuple(betas))
    data = torch.as_tensor(images, dtype=torch.float32)
    draws = torch.Generator().manual_seed(seed)
    d_losses, g_losses, snapshots, started = [], [], [], time.monotonic()
    for step in range(1, steps + 1):
        if time.monotonic() - started > seconds:
            break
        real = data[torch.randint(0, len(data), (batch_size,), generator=draws)]
        fake = generator(torch.randn(batch_size, noise_dim, generator=draws))
        d_loss = submission.discriminator_loss(discriminator(real), discriminator(fake.detach()))
        d_optimizer.zero_grad()
        d_loss.backward()
        d_optimizer.step()
        fake = generator(torch.randn(batch_size, noise_dim, generator=draws))
        g_loss = submission.generator_loss(discriminator(fake))
        g_optimizer.zero_grad()
        g_loss.backward()
        g_optimizer.step()
        d_losses.append(d_loss.item())
        g_losses.append(g_loss.item())
        if step in snapshot_steps:
            snapshots.append({name: value.clone() for name, value in generator.state_dict().items()})
    result = {"d_losses": np.array(d_losses), "g_losses": np.array(g_losses),
              "snapshot_steps": [s for s in snapshot_steps if s <= len(g_losses)],
              "seconds": time.monotonic() - started}
    _TRAINED.update(request=request, generator=generator, snapshots=snapshots, result=result)
    return result


def trained_generate(z, snapshot):
    """The generator of snapshot number ``snapshot``: its images for the noise ``z`` the grader drew, in eval mode."""
    generator = _TRAINED["generator"]
    generator.load_state_dict(_TRAINED["snapshots"][snapshot])
    generator.eval()
    with torch.no_grad():
        return generator(torch.as_tensor(z, dtype=torch.float32))
