"""Runs in the sandbox beside the student's ``vae.py``: builds, trains and queries their VAE.

Every function returns plain data (tensors, arrays, numbers) and no verdict:
the grader computes the metrics outside the sandbox. ``gradekit`` is not
visible here, so the few lines of training loop are this file's own.
"""

import hashlib
import time

import numpy as np
import torch

import vae as submission  # the worker has already imported the student's module

_TRAINED = {}  # the last model ``train`` fitted, with what it was asked, for the calls that query it


def _model(input_dim, latent_dim, seed):
    torch.manual_seed(seed)  # same seed, same initial weights: calls on one model agree
    model = submission.VAE(input_dim=input_dim, latent_dim=latent_dim)
    model.eval()
    return model


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


def train(images, latent_dim, steps, batch_size, learning_rate, seed, seconds):
    """Fit VAE(input_dim, latent_dim) to ``images`` (N, input_dim) with Adam on the student's vae_loss.

    Stops after ``steps`` steps or ``seconds`` seconds, whichever comes first,
    and returns the loss of every step taken. Asked again with the same
    arguments, it returns the same run without training again.
    """
    request = (latent_dim, steps, batch_size, learning_rate, seed,
               hashlib.sha256(np.ascontiguousarray(images).tobytes()).hexdigest())
    if _TRAINED.get("request") == request:
        return _TRAINED["result"]
    torch.set_num_threads(1)
    data = torch.as_tensor(images, dtype=torch.float32)
    model = _model(data.shape[1], latent_dim, seed)
    model.train()
    optimizer = torch.optim.Adam(model.parameters(), lr=learning_rate)
    shuffle = torch.Generator().manual_seed(seed)
    losses, started, position = [], time.monotonic(), len(data)
    for _ in range(steps):
        if time.monotonic() - started > seconds:
            break
        if position + batch_size > len(data):  # a new epoch in a new order; no short batch
            order, position = torch.randperm(len(data), generator=shuffle), 0
        batch = data[order[position:position + batch_size]]
        position += batch_size
        recon, mu, logvar = model(batch)
        loss = submission.vae_loss(recon, batch, mu, logvar)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(float(loss))
    model.eval()
    result = {"losses": np.array(losses), "seconds": time.monotonic() - started}
    _TRAINED.update(request=request, model=model, result=result)
    return result


def trained_encode(images):
    """The trained model's encode(images): (mu, logvar)."""
    with torch.no_grad():
        return _TRAINED["model"].encode(torch.as_tensor(images, dtype=torch.float32))


def trained_decode(z):
    """The trained model's decode(z)."""
    with torch.no_grad():
        return _TRAINED["model"].decode(torch.as_tensor(z, dtype=torch.float32))
