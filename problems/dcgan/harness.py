"""Runs in the sandbox beside the student's ``dcgan.py``: builds, traces and trains their DCGAN.

Every function returns plain data (tensors, arrays, numbers, lists) and no
verdict: the grader checks the architecture and computes the FID outside the
sandbox. ``gradekit`` is not visible here; tracing and the training plumbing
come from ``gradekit_support``.
"""

import gradekit_support as support
import torch

import dcgan as submission  # the worker has already imported the student's module

_RUNS = support.RunCache()  # the last DCGAN ``train`` fitted, for the calls that query it


def generator_trace(noise_dim, conv_dim, seed, z):
    """An untrained Generator(noise_dim, conv_dim) in training mode: its images for z and the operations it ran."""
    model = support.build(submission.Generator, seed, noise_dim=noise_dim, conv_dim=conv_dim).train()
    images, ops = support.traced(model, z)
    return {"images": images, "ops": ops}


def discriminator_trace(conv_dim, seed, x):
    """An untrained Discriminator(conv_dim) in training mode: its scores for x and the operations it ran."""
    model = support.build(submission.Discriminator, seed, conv_dim=conv_dim).train()
    scores, ops = support.traced(model, x)
    return {"scores": scores, "ops": ops}


def train(*, images, noise_dim, conv_dim, steps, batch_size, learning_rate, betas, snapshot_steps, seed,
          runaway_seconds):
    """Fit the student's DCGAN to ``images`` (N, 3, 32, 32) in [-1, 1] with Adam and the student's losses.

    The assignment's Algorithm 1: each step one discriminator update on m real
    images and m fakes, then one generator update on m new fakes; noise
    N(0, I). Keeps a copy of the generator's weights after each step of
    ``snapshot_steps`` (counted from 1). Exactly ``steps`` steps unless the
    runaway guard stops it; returns both losses of every step. Asked again
    with the same arguments, it returns the same run without training again.
    """
    request = dict(images=images, noise_dim=noise_dim, conv_dim=conv_dim, steps=steps, batch_size=batch_size,
                   learning_rate=learning_rate, betas=betas, snapshot_steps=snapshot_steps, seed=seed)
    return _RUNS.get("dcgan", request, lambda: _fit(**request, runaway_seconds=runaway_seconds))["result"]


def _fit(images, noise_dim, conv_dim, steps, batch_size, learning_rate, betas, snapshot_steps, seed, runaway_seconds):
    support.single_thread()
    generator = support.build(submission.Generator, seed, noise_dim=noise_dim, conv_dim=conv_dim).train()
    discriminator = submission.Discriminator(conv_dim=conv_dim).train()
    g_optimizer = torch.optim.Adam(generator.parameters(), lr=learning_rate, betas=tuple(betas))
    d_optimizer = torch.optim.Adam(discriminator.parameters(), lr=learning_rate, betas=tuple(betas))
    snapshots = {}
    data = torch.as_tensor(images, dtype=torch.float32)
    draws = torch.Generator().manual_seed(seed)  # one stream: batches, then noise
    batches = support.RandomBatches(len(data), batch_size, draws)

    def step(index):
        losses = support.alternating_step(
            real=data[batches.next()], fake=lambda: generator(torch.randn(batch_size, noise_dim, generator=draws)),
            judge=discriminator, discriminator_loss=submission.discriminator_loss,
            generator_loss=submission.generator_loss, d_optimizer=d_optimizer, g_optimizer=g_optimizer)
        if index + 1 in snapshot_steps:
            snapshots[index + 1] = {name: value.detach().clone() for name, value in generator.state_dict().items()}
        return losses

    result = support.fixed_steps(step, steps, runaway_seconds)
    return {"generator": generator, "snapshots": snapshots, "result": result}


def trained_generate(z, snapshot_step):
    """The generator's images after step ``snapshot_step`` for the noise ``z`` the grader drew, in eval mode."""
    run = _RUNS.latest("dcgan")
    generator = run["generator"]
    generator.load_state_dict(run["snapshots"][snapshot_step])
    generator.eval()
    with torch.no_grad():
        return generator(torch.as_tensor(z, dtype=torch.float32))
