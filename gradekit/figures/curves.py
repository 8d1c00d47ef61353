"""Loss curves of the reference models' training: the training loss, smoothed, and the held-out loss."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from gradekit.figures.canvas import new_figure


class LossHistory(Protocol):
    """What a curve is drawn from (``gradekit.models.training.History`` is one)."""

    @property
    def train(self) -> Sequence[float]: ...  # the loss at every step

    @property
    def test_steps(self) -> Sequence[int]: ...  # the steps the held-out loss was measured at

    @property
    def test(self) -> Sequence[float]: ...


def save_loss_curves(path: Path, histories: Mapping[str, LossHistory], *, title: str, ylabel: str,
                     log_scale: bool = False, smoothing: int = 50) -> Path:
    """Training loss (a moving average over ``smoothing`` steps) and held-out loss for each history."""
    figure = new_figure(6.0, 3.6)
    axes = figure.add_subplot()
    for index, (name, history) in enumerate(histories.items()):
        color = f"C{index % 10}"  # Matplotlib's ten default colours, again from the first past ten
        train = np.asarray(history.train, dtype=float)
        window = max(1, min(smoothing, len(train)))
        smoothed = np.convolve(train, np.ones(window) / window, mode="valid")
        axes.plot(np.arange(window, len(train) + 1), smoothed, color=color, lw=1.2, label=f"{name} train")
        if history.test:
            axes.plot(history.test_steps, history.test, color=color, lw=1.0, ls="--", marker="o", ms=2.5,
                      label=f"{name} held-out")
    if log_scale:
        axes.set_yscale("log")
    axes.set_xlabel("step")
    axes.set_ylabel(ylabel)
    axes.set_title(title, fontsize=10)
    axes.grid(alpha=0.3)
    axes.legend(fontsize=7, ncol=2 if len(histories) > 3 else 1)
    figure.savefig(path)
    return Path(path)
