"""The runner of each model, and ``train_model``: one run from its settings to ``metrics.json``."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import replace

import torch
from rich.console import Console

from gradekit.runs import autoencoders, cyclegan, diffusion, gans, vae
from gradekit.runs.data_choice import MODELS, choose_data
from gradekit.runs.device import setup_torch
from gradekit.runs.progress import step_bars
from gradekit.runs.settings import Result, Run, RunSettings

Runner = Callable[[Run], Result]

RUNNERS: dict[str, Runner] = {
    "autoencoder": autoencoders.run_autoencoder,
    "dae": autoencoders.run_dae,
    "vae": vae.run_vae,
    "toy-gan": gans.run_toy_gan,
    "dcgan": gans.run_dcgan,
    "cgan": gans.run_cgan,
    "mode-collapse": gans.run_mode_collapse,
    "ddpm": diffusion.run_ddpm,
    "cyclegan": cyclegan.run_cyclegan,
    "latent-arithmetic": vae.run_latent_arithmetic,
}


def train_model(model: str, settings: RunSettings, *, show_progress: bool = True,
                console: Console | None = None) -> Result:
    """Train ``model`` as ``settings`` ask, write ``settings.out/metrics.json``, and return what it holds.

    The data and the device are checked before anything is written: a ``ValueError`` says what is wrong.
    Progress bars go to ``console`` (default: stderr) when ``show_progress``.
    """
    data = choose_data(model, settings.data)
    settings = replace(settings, data=MODELS[model].default if settings.data is None else settings.data)
    device = setup_torch(settings.device, settings.threads)
    settings.out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with step_bars(console or Console(stderr=True), show=show_progress) as bars:
        result = RUNNERS[model](Run(settings, data, device, bars))
    metrics = {"model": model, "data": settings.data, "seed": settings.seed, "device": str(device),
               "torch_threads": torch.get_num_threads(), "seconds": round(time.monotonic() - started, 2), **result}
    (settings.out / "metrics.json").write_text(json.dumps(metrics, indent=2, default=str) + "\n")
    return metrics
