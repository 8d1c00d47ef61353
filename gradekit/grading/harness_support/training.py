"""A fixed number of training steps, one CPU thread, and a guard against runaway code.

The grade must not depend on how busy the grading machine is, so training
runs exactly the steps ``problem.toml`` gives. A time limit only stops code
far slower than any sound design (the problem sets it at 3x or more of the
slowest one measured); a run it stopped says so, and the grader fails it
with that reason rather than measuring a half-trained model. That limit
counts the worker's CPU time, not the wall clock, so a busy grading machine
(other students, other jobs) cannot trip it; the sandbox's wall limit per
call stays the backstop for code that sleeps.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np
import torch


def single_thread(threads: int = 1) -> None:
    """Train on ``threads`` CPU threads (one by default: the grade, not the speed, must be reproducible)."""
    torch.set_num_threads(threads)


def build(factory: Callable[..., torch.nn.Module], seed: int, **kwargs: Any) -> torch.nn.Module:
    """``factory(**kwargs)`` with torch's global seed set first (same seed, same initial weights), in eval mode."""
    torch.manual_seed(seed)
    model = factory(**kwargs)
    model.eval()
    return model


class RunawayGuard:
    """Says when the process has used ``seconds`` of CPU time since it was made (load does not count)."""

    def __init__(self, seconds: float):
        self.seconds = float(seconds)
        self.started = time.process_time()

    @property
    def elapsed(self) -> float:
        return time.process_time() - self.started

    def tripped(self) -> bool:
        return self.elapsed > self.seconds


def fixed_steps(step: Callable[[int], Any], steps: int, runaway_seconds: float) -> dict:
    """Call ``step(i)`` for i = 0 .. steps - 1 and log what each returns.

    ``step`` returns the step's loss (a number or a 0-d tensor) or a dict of
    named losses ({"d": ..., "g": ...}). Returns ``losses`` (steps,) for one
    loss, or ``<name>_losses`` for each named one; ``steps`` taken, ``of_steps``
    asked, ``seconds`` of CPU time spent, and ``runaway``: whether the guard stopped the
    loop before the last step (``runaway_seconds`` passed).
    """
    guard = RunawayGuard(runaway_seconds)
    log: dict[str, list[float]] = {}
    taken = 0
    for index in range(steps):
        if guard.tripped():
            break
        losses = step(index)
        named = losses if isinstance(losses, dict) else {"": losses}
        for name, value in named.items():
            log.setdefault(name, []).append(_number(value))
        taken += 1
    result = {f"{name}_losses" if name else "losses": np.array(values, dtype=np.float64)
              for name, values in log.items()}
    if not log:
        result["losses"] = np.zeros(0)
    return {**result, "steps": taken, "of_steps": steps, "seconds": guard.elapsed, "runaway": taken < steps,
            "runaway_seconds": guard.seconds}


def _number(value: Any) -> float:
    """A loss as a float: a tensor's value (detached, so torch does not warn), or the number itself."""
    return float(value.detach()) if hasattr(value, "detach") else float(value)
