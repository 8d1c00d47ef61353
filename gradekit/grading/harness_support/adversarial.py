"""One step of the assignment's GAN training loop (Algorithm 1, k = 1), for the GAN problems' harnesses.

Each step: the discriminator descends its loss on a real batch and on fakes
it cannot backpropagate into the generator through (detached); then the
generator descends its loss on fresh fakes. The caller supplies the pieces
as closures, so a conditional GAN passes ``fake = lambda: G(z(), labels)``
and ``judge = lambda x: D(x, labels)``; the losses are the student's.
"""

from __future__ import annotations

from collections.abc import Callable

import torch

Tensor = torch.Tensor


def alternating_step(*, real: Tensor, fake: Callable[[], Tensor], judge: Callable[[Tensor], Tensor],
                     discriminator_loss: Callable[[Tensor, Tensor], Tensor],
                     generator_loss: Callable[[Tensor], Tensor], d_optimizer: torch.optim.Optimizer,
                     g_optimizer: torch.optim.Optimizer) -> dict[str, Tensor]:
    """One discriminator update on ``real`` and ``fake()`` (detached), then one generator update on a new
    ``fake()``. Returns both losses, {"d": ..., "g": ...}, detached (``fixed_steps`` logs them)."""
    d_loss = discriminator_loss(judge(real), judge(fake().detach()))
    d_optimizer.zero_grad()
    d_loss.backward()
    d_optimizer.step()
    g_loss = generator_loss(judge(fake()))
    g_optimizer.zero_grad()
    g_loss.backward()
    g_optimizer.step()
    return {"d": d_loss.detach(), "g": g_loss.detach()}
