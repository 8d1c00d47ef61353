"""Runs in the sandbox beside the student's ``vae.py``: builds, trains and queries their VAE.

Every function returns plain data (tensors, arrays, numbers) and no verdict:
the grader computes the metrics outside the sandbox. ``gradekit`` is not
visible here; the training plumbing comes from ``gradekit_support``.
"""

import gradekit_support as support
import torch

import vae as submission  # the worker has already imported the student's module

_RUNS = support.RunCache()  # the last model ``train`` fitted, for the calls that query it


def _model(input_dim, latent_dim, seed):
    """The student's VAE, built from ``seed``: the same seed gives the same initial weights."""
    return support.build(submission.VAE, seed, input_dim=input_dim, latent_dim=latent_dim)


def outputs(input_dim, latent_dim, seed, x, z):
    """What an untrained model's encode(x), decode(z) and forward(x) return, as they are."""
    model = _model(input_dim, latent_dim, seed)
    with torch.no_grad():
        return {"encode": model.encode(x), "decode": model.decode(z), "forward": model(x)}


def decode(input_dim, latent_dim, seed, z):
    """decode(z) of the untrained model built from ``seed``."""
    with torch.no_grad():
        return _model(input_dim, latent_dim, seed).decode(z)


def reparameterized(input_dim, latent_dim, mu, logvar, draws, seed):
    """``draws`` samples of model.reparameterize(mu, logvar), stacked: (draws, *mu.shape)."""
    model = _model(input_dim, latent_dim, seed)
    with torch.no_grad():
        return torch.stack([model.reparameterize(mu, logvar) for _ in range(draws)])


def interpolation(input_dim, latent_dim, seed, first, second):
    """interpolate(model, first, second) and the encoder means of both ends, for an untrained model."""
    model = _model(input_dim, latent_dim, seed)
    with torch.no_grad():
        return {"rows": submission.interpolate(model, first, second),
                "mu_first": model.encode(first)[0], "mu_second": model.encode(second)[0]}


def train(*, images, latent_dim, steps, batch_size, learning_rate, seed, runaway_seconds):
    """Fit VAE(input_dim, latent_dim) to ``images`` (N, input_dim) with Adam on the student's vae_loss.

    Exactly ``steps`` steps on batches in a new seeded order each epoch,
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
    batches = support.EpochBatches(len(data), batch_size, torch.Generator().manual_seed(seed))

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


def trained_encode(images):
    """The trained model's encode(images): (mu, logvar)."""
    with torch.no_grad():
        return _RUNS.latest("vae")["model"].encode(torch.as_tensor(images, dtype=torch.float32))


def trained_decode(z):
    """The trained model's decode(z)."""
    with torch.no_grad():
        return _RUNS.latest("vae")["model"].decode(torch.as_tensor(z, dtype=torch.float32))
