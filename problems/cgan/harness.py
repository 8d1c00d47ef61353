"""Runs in the sandbox beside the student's ``cgan.py``: builds, queries and trains their conditional GAN.

Every function returns plain data (tensors, arrays, numbers) and no verdict:
the grader classifies the samples and computes the FID outside the sandbox.
``gradekit`` is not visible here; the training plumbing comes from
``gradekit_support``. Untrained models are queried in eval mode, so that a
BatchNorm layer (if any) treats every sample on its own.
"""

import gradekit_support as support
import torch

import cgan as submission  # the worker has already imported the student's module

_RUNS = support.RunCache()  # the last GAN ``train`` fitted, for the calls that query it


def _generator(noise_dim, seed):
    return support.build(submission.Generator, seed, noise_dim=noise_dim, num_classes=10)  # eval mode


def generate(noise_dim, seed, z, label_sets):
    """An untrained Generator(noise_dim, 10)'s images for the same z under each set of labels; then, for the
    first set, the same model's images again and those of a model built from seed + 1."""
    model, other = _generator(noise_dim, seed), _generator(noise_dim, seed + 1)
    with torch.no_grad():
        return {"images": [model(z, labels) for labels in label_sets], "again": model(z, label_sets[0]),
                "other_seed": other(z, label_sets[0])}


def discriminate(seed, x, label_sets):
    """An untrained Discriminator(10)'s logits for the same images under each set of labels; then, for the
    first set, the same model's logits again and those of a model built from seed + 1."""
    model, other = (support.build(submission.Discriminator, s, num_classes=10) for s in (seed, seed + 1))
    with torch.no_grad():
        return {"logits": [model(x, labels) for labels in label_sets], "again": model(x, label_sets[0]),
                "other_seed": other(x, label_sets[0])}


def grid(noise_dim, seed, noise):
    """sample_grid(generator, noise) of an untrained generator, generator(noise, k) for every label k, and
    sample_grid of a generator built from seed + 1."""
    model, other = _generator(noise_dim, seed), _generator(noise_dim, seed + 1)
    with torch.no_grad():
        rows = [model(noise, torch.full((len(noise),), k, dtype=torch.int64)) for k in range(10)]
        return {"grid": submission.sample_grid(model, noise), "rows": rows,
                "other_grid": submission.sample_grid(other, noise)}


def train(*, images, labels, noise_dim, steps, batch_size, learning_rate, betas, seed, runaway_seconds):
    """Fit the student's conditional GAN to ``images`` (N, 64) in [-1, 1] with their ``labels`` (N,).

    Each step: one Adam step of the discriminator on m real (image, label)
    pairs and m fakes made for the same labels, then one of the generator on
    m new fakes for those labels; noise N(0, I). Exactly ``steps`` steps
    unless the runaway guard stops it. Asked again with the same arguments, it
    returns the same run without training again.
    """
    request = dict(images=images, labels=labels, noise_dim=noise_dim, steps=steps, batch_size=batch_size,
                   learning_rate=learning_rate, betas=betas, seed=seed)
    return _RUNS.get("cgan", request, lambda: _fit(**request, runaway_seconds=runaway_seconds))["result"]


def _fit(images, labels, noise_dim, steps, batch_size, learning_rate, betas, seed, runaway_seconds):
    support.single_thread()
    generator = support.build(submission.Generator, seed, noise_dim=noise_dim, num_classes=10).train()
    discriminator = submission.Discriminator(num_classes=10).train()
    g_optimizer = torch.optim.Adam(generator.parameters(), lr=learning_rate, betas=tuple(betas))
    d_optimizer = torch.optim.Adam(discriminator.parameters(), lr=learning_rate, betas=tuple(betas))
    data = torch.as_tensor(images, dtype=torch.float32)
    targets = torch.as_tensor(labels, dtype=torch.int64)
    draws = torch.Generator().manual_seed(seed)  # one stream: batches, then noise
    batches = support.RandomBatches(len(data), batch_size, draws)

    def step(_):
        batch = batches.next()
        real, y = data[batch], targets[batch]
        return support.alternating_step(
            real=real, fake=lambda: generator(torch.randn(batch_size, noise_dim, generator=draws), y),
            judge=lambda x: discriminator(x, y), discriminator_loss=submission.discriminator_loss,
            generator_loss=submission.generator_loss, d_optimizer=d_optimizer, g_optimizer=g_optimizer)

    result = support.fixed_steps(step, steps, runaway_seconds)
    return {"generator": generator.eval(), "result": result}


def trained_generate(z, labels):
    """The trained generator's images for the noise and labels the grader chose."""
    with torch.no_grad():
        return _RUNS.latest("cgan")["generator"](torch.as_tensor(z, dtype=torch.float32), torch.as_tensor(labels))
