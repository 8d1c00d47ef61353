"""Runs in the sandbox beside the student's ``denoising_autoencoder.py``: corrupts, trains and denoises.

Every function returns plain data (tensors, arrays, numbers) and no verdict:
the grader computes the metrics outside the sandbox. ``gradekit`` is not
visible here; the training plumbing comes from ``gradekit_support``.
"""

import gradekit_support as support
import torch

import denoising_autoencoder as submission  # the worker has already imported the student's module

_RUNS = support.RunCache()  # the last model ``train`` fitted, for ``trained_denoise``


def corrupt(images, patch, seed):
    """add_patch_noise(images, patch, generator seeded with seed), and the input tensor after the call."""
    noisy = submission.add_patch_noise(images, patch, torch.Generator().manual_seed(seed))
    return {"noisy": noisy, "input_after": images}


def denoiser_outputs(input_dim, seed, x):
    """An untrained DenoisingAutoencoder(input_dim)(x)."""
    with torch.no_grad():
        return support.build(submission.DenoisingAutoencoder, seed, input_dim=input_dim)(x)


def train(*, images, patch, steps, batch_size, learning_rate, seed, runaway_seconds):
    """Fit DenoisingAutoencoder(H * W) to map add_patch_noise(x) back to x, for grey images (N, H, W).

    Each batch (a new seeded order each epoch) is corrupted afresh by the
    student's add_patch_noise; the loss is the student's denoising_loss on
    rows. Exactly ``steps`` steps unless the runaway guard stops it; asked
    again with the same arguments, it returns the same run.
    """
    request = dict(images=images, patch=patch, steps=steps, batch_size=batch_size, learning_rate=learning_rate,
                   seed=seed)
    return _RUNS.get("denoiser", request, lambda: _fit(**request, runaway_seconds=runaway_seconds))["result"]


def _fit(images, patch, steps, batch_size, learning_rate, seed, runaway_seconds):
    support.single_thread()
    data = torch.as_tensor(images, dtype=torch.float32)
    model = support.build(submission.DenoisingAutoencoder, seed, input_dim=data[0].numel())
    model.train()
    optimizer = torch.optim.Adam(model.parameters(), lr=learning_rate)
    batches = support.EpochBatches(len(data), batch_size, torch.Generator().manual_seed(seed))
    noise = torch.Generator().manual_seed(seed + 1)

    def step(_):
        clean = data[batches.next()]
        noisy = submission.add_patch_noise(clean, patch, noise)
        loss = submission.denoising_loss(model(noisy.flatten(1)), clean.flatten(1))
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        return loss

    result = support.fixed_steps(step, steps, runaway_seconds)
    model.eval()
    return {"model": model, "result": result}


def trained_denoise(noisy):
    """The trained model's clean estimates of noisy grey images (N, H, W), as rows (N, H * W)."""
    with torch.no_grad():
        return _RUNS.latest("denoiser")["model"](torch.as_tensor(noisy, dtype=torch.float32).flatten(1))
