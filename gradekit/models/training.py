"""The training loop every reference model shares: Adam on reshuffled minibatches, no I/O.

A model family supplies ``batch_loss(batch) -> scalar Tensor``; the loop owns
the optimiser, the batching and the loss history. Progress goes to an
optional ``on_step`` callback (the command draws a progress bar with it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import torch
from torch import Tensor, nn


@dataclass(frozen=True)
class TrainConfig:
    steps: int = 2000  # ~90 epochs of the 1,437 training digits: a small model converges on 2 CPU cores in seconds
    batch_size: int = 64  # small batches: many updates per second on a CPU
    learning_rate: float = 1e-3  # Adam's default step size (Kingma & Ba 2015)
    eval_every: int = 100  # steps between two held-out losses on the loss curve
    seed: int = 0  # shuffling; the caller seeds the model's initialisation


@dataclass
class History:
    """Loss at every training step and the held-out loss every ``eval_every`` steps."""

    train: list[float] = field(default_factory=list)
    test_steps: list[int] = field(default_factory=list)
    test: list[float] = field(default_factory=list)


@dataclass
class TrainedModel:
    """A trained model, what kind it is, and its loss history."""

    kind: str
    model: nn.Module
    history: History


def minibatches(data: Tensor, batch_size: int, generator: torch.Generator) -> Iterator[Tensor]:
    """Endless minibatches of ``data``'s rows: each epoch a fresh permutation, the last batch smaller."""
    while True:
        for indices in torch.randperm(len(data), generator=generator).split(batch_size):
            yield data[indices.to(data.device)]


def fit(model: nn.Module, batch_loss: Callable[[Tensor], Tensor], data: Tensor, config: TrainConfig, *,
        test_loss: Callable[[], float] | None = None,
        on_step: Callable[[int, float], None] | None = None) -> History:
    """Minimise ``batch_loss`` over ``config.steps`` Adam steps on minibatches of ``data``.

    ``test_loss`` (called in eval mode, without gradients) fills the held-out curve.
    """
    optimizer = torch.optim.Adam(model.parameters(), lr=config.learning_rate)
    batches = minibatches(data, config.batch_size, torch.Generator().manual_seed(config.seed))
    history = History()
    for step in range(1, config.steps + 1):
        model.train()
        loss = batch_loss(next(batches))
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        history.train.append(loss.item())
        if test_loss is not None and (step % config.eval_every == 0 or step == config.steps):
            model.eval()
            with torch.no_grad():
                history.test.append(float(test_loss()))
            history.test_steps.append(step)
        if on_step is not None:
            on_step(step, history.train[-1])
    model.eval()
    return history

