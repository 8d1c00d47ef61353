"""Runs in the sandbox beside the student's ``toy_gan.py``: builds, traces and trains their GAN.

Every function returns plain data (tensors, arrays, numbers, lists) and no
verdict: the grader checks the architecture and computes the metrics outside
the sandbox. ``gradekit`` is not visible here; tracing and the training
plumbing come from ``gradekit_support``.
"""

import gradekit_support as support
import numpy as np
import torch

import toy_gan as submission  # the worker has already imported the student's module

_RUNS = support.RunCache()  # the last GAN ``train`` fitted, for the calls that query it


def sample_data(n, seed):
    """sample_data(n, rng) with rng = np.random.default_rng(seed)."""
    return submission.sample_data(n, np.random.default_rng(seed))


def generator_trace(noise_dim, hidden, seed, z):
    """An untrained Generator(noise_dim, hidden): its output for z and the operations it ran."""
    model = support.build(submission.Generator, seed, noise_dim=noise_dim, hidden=tuple(hidden)).train()
    out, ops = support.traced(model, z)
    return {"output": out, "ops": ops}


def discriminator_trace(hidden, seed, x):
    """An untrained Discriminator(hidden): logits, features and the operations each ran."""
    model = support.build(submission.Discriminator, seed, hidden=tuple(hidden)).train()
    logits, ops = support.traced(model, x)
    features, feature_ops = support.traced(model.features, x)
    return {"logits": logits, "ops": ops, "features": features, "feature_ops": feature_ops}


def train(*, real_points, noise_dim, hidden, steps, batch_size, learning_rate, seed, runaway_seconds):
    """Fit the student's GAN to ``real_points`` (N, 2) with RMSprop, one D step then one G step per step.

    Noise is uniform on [-1, 1]^noise_dim. Exactly ``steps`` steps unless the
    runaway guard stops it; returns both losses of every step taken. Asked
    again with the same arguments, it returns the same run without training again.
    """
    request = dict(real_points=real_points, noise_dim=noise_dim, hidden=hidden, steps=steps, batch_size=batch_size,
                   learning_rate=learning_rate, seed=seed)
    return _RUNS.get("gan", request, lambda: _fit(**request, runaway_seconds=runaway_seconds))["result"]


def _fit(real_points, noise_dim, hidden, steps, batch_size, learning_rate, seed, runaway_seconds):
    support.single_thread()
    generator = support.build(submission.Generator, seed, noise_dim=noise_dim, hidden=tuple(hidden)).train()
    discriminator = submission.Discriminator(hidden=tuple(hidden)).train()
    g_optimizer = torch.optim.RMSprop(generator.parameters(), lr=learning_rate)
    d_optimizer = torch.optim.RMSprop(discriminator.parameters(), lr=learning_rate)
    data = torch.as_tensor(real_points, dtype=torch.float32)
    draws = torch.Generator().manual_seed(seed)  # one stream: batches, then noise
    batches = support.RandomBatches(len(data), batch_size, draws)

    def step(_):
        return support.alternating_step(
            real=data[batches.next()],
            fake=lambda: generator(2 * torch.rand(batch_size, noise_dim, generator=draws) - 1),
            judge=discriminator, discriminator_loss=submission.discriminator_loss,
            generator_loss=submission.generator_loss, d_optimizer=d_optimizer, g_optimizer=g_optimizer)

    result = support.fixed_steps(step, steps, runaway_seconds)
    return {"generator": generator.eval(), "result": result}


def trained_generate(z):
    """The trained generator's points for the noise ``z`` the grader drew."""
    with torch.no_grad():
        return _RUNS.latest("gan")["generator"](torch.as_tensor(z, dtype=torch.float32))
