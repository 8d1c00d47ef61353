"""Runs in the sandbox beside the student's ``denoising_autoencoder.py``: corrupts, trains and denoises.

Every function returns plain data (tensors, arrays, numbers) and no verdict:
the grader computes the metrics outside the sandbox. ``gradekit`` is not
visible here, so the few lines of training loop are this file's own.
"""

import hashlib
import time

import numpy as np
import torch

import denoising_autoencoder as submission  # the worker has already imported the student's module

_TRAINED = {}  # the last model ``train`` fitted, with what it was asked


def corrupt(images, patch, seed):
    """add_patch_noise(images, patch, generator seeded with seed), and the input tensor after the call."""
    noisy = submission.add_patch_noise(images, patch, torch.Generator().manual_seed(seed))
    return {"noisy": noisy, "input_after": images}


def denoiser_outputs(input_dim, seed, x):
    """An untrained DenoisingAutoencoder(input_dim)(x)."""
    torch.manual_seed(seed)
    model = submission.DenoisingAutoencoder(input_dim=input_dim)
    model.eval()
    with torch.no_grad():
        return model(x)


def train(images, patch, steps, batch_size, learning_rate, seed, seconds):
    """Fit DenoisingAutoencoder(H * W) to map add_patch_noise(x) back to x, for grey images (N, H, W).

    Each batch is corrupted afresh by the student's add_patch_noise; the loss
    is the student's denoising_loss on rows. Stops after ``steps`` steps or
    ``seconds`` seconds; asked again with the same arguments, it returns the same run.
    """
    request = (patch, steps, batch_size, learning_rate, seed,
               hashlib.sha256(np.ascontiguousarray(images).tobytes()).hexdigest())
    if _TRAINED.get("request") == request:
        return _TRAINED["result"]
    torch.set_num_threads(1)
    data = torch.as_tensor(images, dtype=torch.float32)
    torch.manual_seed(seed)
    model = submission.DenoisingAutoencoder(input_dim=data[0].numel())
    model.train()
    optimizer = torch.optim.Adam(model.parameters(), lr=learning_rate)
    shuffle, noise = torch.Generator().manual_seed(seed), torch.Generator().manual_seed(seed + 1)
    losses, started, position = [], time.monotonic(), len(data)
    for _ in range(steps):
        if time.monotonic() - started > seconds:
            break
        if position + batch_size > len(data):  # a new epoch in a new order; no short batch
            order, position = torch.randperm(len(data), generator=shuffle), 0
        clean = data[order[position:position + batch_size]]
        position += batch_size
        noisy = submission.add_patch_noise(clean, patch, noise)
        loss = submission.denoising_loss(model(noisy.flatten(1)), clean.flatten(1))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(float(loss))
    model.eval()
    result = {"losses": np.array(losses), "seconds": time.monotonic() - started}
    _TRAINED.update(request=request, model=model, result=result)
    return result


def trained_denoise(noisy):
    """The trained model's clean estimates of noisy grey images (N, H, W), as rows (N, H * W)."""
    with torch.no_grad():
        return _TRAINED["model"](torch.as_tensor(noisy, dtype=torch.float32).flatten(1))
