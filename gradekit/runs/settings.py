"""What a run is asked (``RunSettings``, from the command line) and a run under way (``Run``)."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import torch

    from gradekit.data.spec import DataSpec
    from gradekit.models.training import TrainConfig
    from gradekit.runs.progress import OnStep, StepBar

CURVE_POINTS = 40  # held-out losses on a loss curve, whatever the number of steps
Result = dict[str, Any]  # what a runner returns for metrics.json: config, metrics, figures, ...


@dataclass(frozen=True)
class RunSettings:
    """What the command line asks of a run; ``None`` means the model's own default."""

    out: Path
    device: str = "auto"  # auto (CUDA when torch sees it), cpu or cuda
    data: str | None = None  # a --data value; None: the model's own (gradekit.runs.data_choice)
    seed: int = 0  # the split, the initialisation, the batches and the noise
    steps: int | None = None
    epochs: float | None = None  # passes over the training set; overrides steps
    latent: int = 8  # the VAE whose samples and interpolations are drawn
    patch: int | None = None  # the DAE's noisy patch; default: default_patch(side), 4 on 16x16 digits
    threads: int = 1  # CPU threads: these small models gain nothing from more, and lose a lot on a busy machine

    def steps_for(self, train_count: int, batch_size: int, default: int) -> int:
        """``--epochs`` passes over the training set, else ``--steps``, else ``default``."""
        if self.epochs is not None:
            return max(1, math.ceil(self.epochs * train_count / batch_size))
        return self.steps if self.steps is not None else default

    def loop_config(self, base: TrainConfig, train_count: int, default_steps: int) -> TrainConfig:
        """``base`` (a model's loop settings) with this run's steps and seed, ``CURVE_POINTS`` held-out losses."""
        steps = self.steps_for(train_count, base.batch_size, default_steps)
        return replace(base, steps=steps, eval_every=max(1, steps // CURVE_POINTS), seed=self.seed)


@dataclass(frozen=True)
class Run:
    """One run under way: its settings, the data it was given, the device it trains on, its progress bars."""

    settings: RunSettings
    data: DataSpec | None  # checked against what the model takes; None for a model that draws its own points
    device: torch.device
    bars: StepBar

    @property
    def out(self) -> Path:
        """The folder the figures go to."""
        return self.settings.out

    @property
    def seed(self) -> int:
        return self.settings.seed

    @property
    def on_gpu(self) -> bool:
        return self.device.type == "cuda"

    def track(self, name: str, total: int) -> OnStep:
        """A progress bar for ``total`` steps of ``name``, as the training loops' ``on_step``."""
        return self.bars.track(name, total)

    @property
    def image_data(self) -> DataSpec:
        """The data of a model that trains on images (every model but the two that draw their own points)."""
        if self.data is None:
            raise ValueError("this model draws its own points; it has no --data")
        return self.data
