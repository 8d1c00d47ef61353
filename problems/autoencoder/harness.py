"""Runs in the sandbox beside the student's ``autoencoder.py``: builds, trains and queries their models.

Every function returns plain data (tensors, arrays, numbers) and no verdict:
the grader computes the metrics outside the sandbox. ``gradekit`` is not
visible here; the training plumbing comes from ``gradekit_support``.
"""

import gradekit_support as support
import torch

import autoencoder as submission  # the worker has already imported the student's module

_RUNS = support.RunCache()  # per class name, the last model ``train`` fitted


def _model(name, kwargs, seed):
    """The student's ``name(**kwargs)``, built from ``seed``: the same seed gives the same initial weights."""
    return support.build(getattr(submission, name), seed, **kwargs)


def outputs(name, kwargs, seed, x):
    """What an untrained model's encode(x), decode(encode(x)) and forward(x) return, and its layer types."""
    model = _model(name, kwargs, seed)
    with torch.no_grad():
        code = model.encode(x)
        return {"encode": code, "decode": model.decode(code), "forward": model(x),
                "layers": sorted({type(module).__name__ for module in model.modules() if module is not model})}


def decoded(name, kwargs, seed, codes):
    """An untrained model's decode(codes), for codes the grader chose (large ones too)."""
    with torch.no_grad():
        return _model(name, kwargs, seed).decode(codes)


def _loss(model, batch, sparsity_weight):
    """The student's objective on decode(encode(x)): reconstruction_loss, plus the sparsity penalty if weighted."""
    code = model.encode(batch)
    loss = submission.reconstruction_loss(model.decode(code), batch)
    if sparsity_weight > 0:
        loss = loss + sparsity_weight * submission.sparsity_penalty(code)
    return loss


def train(*, name, kwargs, images, steps, batch_size, learning_rate, seed, runaway_seconds, sparsity_weight=0.0):
    """Fit ``name(**kwargs)`` to ``images`` (N, ...) with Adam on the student's losses.

    Exactly ``steps`` steps on batches in a new seeded order each epoch,
    unless the runaway guard stops it; returns the loss of every step taken.
    Asked again with the same arguments, it returns the same run.
    """
    request = dict(name=name, kwargs=kwargs, images=images, steps=steps, batch_size=batch_size,
                   learning_rate=learning_rate, seed=seed, sparsity_weight=sparsity_weight)
    return _RUNS.get(name, request, lambda: _fit(**request, runaway_seconds=runaway_seconds))["result"]


def _fit(name, kwargs, images, steps, batch_size, learning_rate, seed, sparsity_weight, runaway_seconds):
    support.single_thread()
    data = torch.as_tensor(images, dtype=torch.float32)
    model = _model(name, kwargs, seed)
    model.train()
    optimizer = torch.optim.Adam(model.parameters(), lr=learning_rate)
    batches = support.EpochBatches(len(data), batch_size, torch.Generator().manual_seed(seed))

    def step(_):
        loss = _loss(model, data[batches.next()], sparsity_weight)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        return loss

    result = support.fixed_steps(step, steps, runaway_seconds)
    model.eval()
    return {"model": model, "initial": _model(name, kwargs, seed), "result": result}


def trained_outputs(name, images):
    """The trained model's codes encode(x) and reconstructions decode(encode(x)) of ``images``,
    and the codes the same model gave before training (to tell a trained encoder from an untouched one)."""
    run = _RUNS.latest(name)
    x = torch.as_tensor(images, dtype=torch.float32)
    with torch.no_grad():
        code = run["model"].encode(x)
        return {"codes": code, "reconstructions": run["model"].decode(code), "initial_codes": run["initial"].encode(x)}
