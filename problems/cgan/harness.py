"""Runs in the sandbox beside the student's ``cgan.py``: builds, queries and trains their conditional GAN.

Every function returns plain data (tensors, arrays, numbers) and no verdict:
the grader classifies the samples and computes the FID outside the sandbox.
``gradekit`` is not visible here, so the few lines of training loop are this
file's own. Untrained models are queried in eval mode, so that a BatchNorm
layer (if any) treats every sample on its own.
"""

import hashlib
import time

import numpy as np
import torch

import cgan as submission  # the worker has already imported the student's module

_TRAINED = {}  # the last GAN ``train`` fitted, with what it was asked, for the calls that query it


def _generator(noise_dim, seed):
    torch.manual_seed(seed)  # same seed, same initial weights: calls on one model agree
    return submission.Generator(noise_dim=noise_dim, num_classes=10).eval()


def generate(noise_dim, seed, z, label_sets):
    """An untrained Generator(noise_dim, 10)'s images for the same z under each set of labels."""
    model = _generator(noise_dim, seed)
    with torch.no_grad():
        return [model(z, labels) for labels in label_sets]


def discriminate(seed, x, label_sets):
    """An untrained Discriminator(10)'s logits for the same images under each set of labels."""
    torch.manual_seed(seed)
    model = submission.Discriminator(num_classes=10).eval()
    with torch.no_grad():
        return [model(x, labels) for labels in label_sets]


def grid(noise_dim, seed, noise):
    """sample_grid(generator, noise) of an untrained generator, and generator(noise, k) for every label k."""
    model = _generator(noise_dim, seed)
    with torch.no_grad():
        rows = [model(noise, torch.full((len(noise),), k, dtype=torch.int64)) for k in range(10)]
        return {"grid": submission.sample_grid(model, noise), "rows": rows}


def train(images, labels, noise_dim, steps, batch_size, learning_rate, betas, seed, seconds):
    """Fit the student's conditional GAN to ``images`` (N, 64) in [-1, 1] with their ``labels`` (N,).

    Each step: one Adam step of the discriminator on m real (image, label)
    pairs and m fakes made for the same labels, then one of the generator on
    m new fakes for those labels; noise N(0, I). Stops after ``steps`` steps
    or ``seconds`` seconds. Asked again with the same arguments, it returns
    the same run without training again.
    """
    request = (noise_dim, steps, batch_size, learning_rate, tuple(betas), seed,
               hashlib.sha256(np.ascontiguousarray(images).tobytes() + np.ascontiguousarray(labels).tobytes())
               .hexdigest())
    if _TRAINED.get("request") == request:
        return _TRAINED["result"]
    torch.set_num_threads(1)
    torch.manual_seed(seed)
    generator = submission.Generator(noise_dim=noise_dim, num_classes=10)
    discriminator = submission.Discriminator(num_classes=10)
    g_optimizer = torch.optim.Adam(generator.parameters(), lr=learning_rate, betas=tuple(betas))
    d_optimizer = torch.optim.Adam(discriminator.parameters(), lr=learning_rate, betas=tuple(betas))
    data = torch.as_tensor(images, dtype=torch.float32)
    targets = torch.as_tensor(labels, dtype=torch.int64)
    draws = torch.Generator().manual_seed(seed)
    d_losses, g_losses, started = [], [], time.monotonic()
    for _ in range(steps):
        if time.monotonic() - started > seconds:
            break
        batch = torch.randint(0, len(data), (batch_size,), generator=draws)
        real, y = data[batch], targets[batch]
        fake = generator(torch.randn(batch_size, noise_dim, generator=draws), y)
        d_loss = submission.discriminator_loss(discriminator(real, y), discriminator(fake.detach(), y))
        d_optimizer.zero_grad()
        d_loss.backward()
        d_optimizer.step()
        fake = generator(torch.randn(batch_size, noise_dim, generator=draws), y)
        g_loss = submission.generator_loss(discriminator(fake, y))
        g_optimizer.zero_grad()
        g_loss.backward()
        g_optimizer.step()
        d_losses.append(d_loss.item())
        g_losses.append(g_loss.item())
    result = {"d_losses": np.array(d_losses), "g_losses": np.array(g_losses), "seconds": time.monotonic() - started}
    _TRAINED.update(request=request, generator=generator.eval(), result=result)
    return result


def trained_generate(z, labels):
    """The trained generator's images for the noise and labels the grader chose."""
    with torch.no_grad():
        return _TRAINED["generator"](torch.as_tensor(z, dtype=torch.float32), torch.as_tensor(labels))
