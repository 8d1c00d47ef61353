"""Runs in the sandbox beside the student's ``latent_arithmetic.py``: builds, trains and queries their VAE.

Every function returns plain data (tensors, arrays, numbers) and no verdict:
the grader reads the attributes of the answers outside the sandbox.
``gradekit`` is not visible here; the training plumbing comes from
``gradekit_support``.
"""

import gradekit_support as support
import torch

import latent_arithmetic as submission  # the worker has already imported the student's module

_RUNS = support.RunCache()  # the last model ``train`` fitted, for ``trained_arithmetic``


def _model(input_dim, latent_dim, seed):
    """The student's VAE, built from ``seed``: the same seed gives the same initial weights."""
    return support.build(submission.VAE, seed, input_dim=input_dim, latent_dim=latent_dim)


def untrained_arithmetic(input_dim, latent_dim, seed, a, b, c):
    """latent_arithmetic(model, a, b, c) of an untrained VAE, and the encoder means of every exemplar."""
    model = _model(input_dim, latent_dim, seed)
    with torch.no_grad():
        codes = {f"mu_{name}": model.encode(group.flatten(0, 1))[0] for name, group in zip("abc", (a, b, c))}
        return {"result": submission.latent_arithmetic(model, a, b, c), **codes}


def untrained_decode(input_dim, latent_dim, seed, z):
    """decode(z) of the untrained VAE built from ``seed``."""
    with torch.no_grad():
        return _model(input_dim, latent_dim, seed).decode(z)


def train(*, images, latent_dim, steps, batch_size, learning_rate, seed, runaway_seconds):
    """Fit VAE(input_dim, latent_dim) to ``images`` (N, input_dim) with Adam on the student's vae_loss.

    Batches drawn at random from one seeded generator; exactly ``steps`` steps
    unless the runaway guard stops it; returns the loss of every step taken.
    Asked again with the same arguments, it returns the same run.
    """
    request = dict(images=images, latent_dim=latent_dim, steps=steps, batch_size=batch_size,
                   learning_rate=learning_rate, seed=seed)
    return _RUNS.get("vae", request, lambda: _fit(**request, runaway_seconds=runaway_seconds))["result"]


def _fit(images, latent_dim, steps, batch_size, learning_rate, seed, runaway_seconds):
    support.single_thread()
    data = torch.as_tensor(images, dtype=torch.float32)
    model = _model(data.shape[1], latent_dim, seed)
    model.train()
    optimizer = torch.optim.Adam(model.parameters(), lr=learning_rate)
    batches = support.RandomBatches(len(data), batch_size, torch.Generator().manual_seed(seed))

    def step(_):
        batch = data[batches.next()]
        recon, mu, logvar = model(batch)
        loss = submission.vae_loss(recon, batch, mu, logvar)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        return loss

    result = support.fixed_steps(step, steps, runaway_seconds)
    model.eval()
    return {"model": model, "result": result}


def trained_arithmetic(a, b, c):
    """latent_arithmetic(trained model, a, b, c)."""
    as_tensor = lambda group: torch.as_tensor(group, dtype=torch.float32)  # noqa: E731
    with torch.no_grad():
        return submission.latent_arithmetic(_RUNS.latest("vae")["model"], as_tensor(a), as_tensor(b), as_tensor(c))
