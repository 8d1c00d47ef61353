"""PNG figures of the GAN runs: both losses, point snapshots, the discriminator's feature plane, mode counts.

The image GANs' samples are drawn with ``gradekit.figures.images``' grids.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np
from matplotlib.patches import Circle

from gradekit.figures.canvas import new_figure

REAL, FAKE = "0.6", "C3"  # grey real points, red generated ones


class GANLosses(Protocol):
    """What the loss figure is drawn from (``gradekit.models.gans.GANHistory`` is one): a loss per iteration."""

    @property
    def d_loss(self) -> Sequence[float]: ...

    @property
    def g_loss(self) -> Sequence[float]: ...


def save_gan_losses(path: Path, history: GANLosses, *, title: str, every: int) -> Path:
    """Both losses every ``every`` steps, each point the mean of the ``every`` steps it ends."""
    figure = new_figure(6.0, 3.4)
    axes = figure.add_subplot()
    for losses, label, color in ((history.d_loss, "discriminator", "C0"), (history.g_loss, "generator", "C3")):
        values = np.asarray(losses, float)
        count = len(values) // every
        means = values[:count * every].reshape(count, every).mean(axis=1)
        axes.plot(every * np.arange(1, count + 1), means, color=color, lw=1.2, label=label)
    axes.set_xlabel("iteration")
    axes.set_ylabel(f"loss (mean of {every} iterations)")
    axes.set_title(title, fontsize=10)
    axes.grid(alpha=0.3)
    axes.legend(fontsize=8)
    figure.savefig(path)
    return Path(path)


def save_point_snapshots(path: Path, real: np.ndarray, snapshots: list[tuple[int, np.ndarray]], *,
                         title: str, columns: int = 5) -> Path:
    """One panel per snapshot: real points (N, 2) in grey, the generated ones of that step in red."""
    rows = math.ceil(len(snapshots) / columns)
    figure = new_figure(2.2 * columns, 2.1 * rows + 0.4)
    low, high = real.min(axis=0), real.max(axis=0)
    pad = 0.25 * (high - low)
    for index, (step, points) in enumerate(snapshots):
        axes = figure.add_subplot(rows, columns, index + 1)
        axes.scatter(real[:, 0], real[:, 1], s=2, color=REAL, lw=0)
        axes.scatter(points[:, 0], points[:, 1], s=2, color=FAKE, lw=0)
        axes.set_xlim(low[0] - pad[0], high[0] + pad[0])
        axes.set_ylim(low[1] - pad[1], high[1] + pad[1])
        axes.set_title(f"iteration {step}", fontsize=8)
        axes.tick_params(labelsize=6)
    figure.suptitle(title, fontsize=10)
    figure.savefig(path)
    return Path(path)


def save_feature_space(path: Path, real: np.ndarray, generated: np.ndarray, *, title: str) -> Path:
    """Real and generated points as the discriminator's 2-D hidden layer maps them: (N, 2) each."""
    figure = new_figure(4.2, 4.0)
    axes = figure.add_subplot()
    axes.scatter(generated[:, 0], generated[:, 1], s=4, color=FAKE, lw=0, label="generated")
    # the real points over the generated ones: both stay visible
    axes.scatter(real[:, 0], real[:, 1], s=2, color=REAL, lw=0, alpha=0.6, label="real")
    axes.set_xlabel("feature 1")
    axes.set_ylabel("feature 2")
    axes.set_title(title, fontsize=9)
    axes.legend(fontsize=8, markerscale=3)
    figure.savefig(path)
    return Path(path)


def save_ring_runs(path: Path, runs: dict[str, np.ndarray], centers: np.ndarray, radius: float, *,
                   title: str) -> Path:
    """Side by side, each run's generated points (N, 2) over the mode centres and their quality circles."""
    figure = new_figure(3.6 * len(runs), 3.8)
    extent = 1.4 * np.abs(centers).max()
    for index, (label, points) in enumerate(runs.items()):
        axes = figure.add_subplot(1, len(runs), index + 1)
        axes.scatter(points[:, 0], points[:, 1], s=2, color=FAKE, lw=0, alpha=0.6)
        for center in centers:
            axes.add_patch(_circle(center, radius))
        axes.scatter(centers[:, 0], centers[:, 1], s=12, color="k", marker="+")
        axes.set_xlim(-extent, extent)
        axes.set_ylim(-extent, extent)
        axes.set_aspect("equal")
        axes.set_title(label, fontsize=9)
        axes.tick_params(labelsize=6)
    figure.suptitle(title, fontsize=10)
    figure.savefig(path)
    return Path(path)


def _circle(center: np.ndarray, radius: float) -> Circle:
    return Circle(tuple(center), radius, fill=False, lw=0.6, color="k")


def save_mode_counts(path: Path, curves: Mapping[str, Sequence[tuple[int, float]]], *, modes: int) -> Path:
    """Modes covered against the iteration, one line per run."""
    figure = new_figure(5.5, 3.2)
    axes = figure.add_subplot()
    for label, curve in curves.items():
        steps, counts = zip(*curve, strict=True)
        axes.plot(steps, counts, marker="o", ms=3, lw=1.2, label=label)
    axes.set_ylim(-0.3, modes + 0.5)
    axes.set_xlabel("iteration")
    axes.set_ylabel(f"modes covered (of {modes})")
    axes.grid(alpha=0.3)
    axes.legend(fontsize=8)
    figure.savefig(path)
    return Path(path)
