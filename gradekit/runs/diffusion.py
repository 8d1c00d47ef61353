"""``gradekit train ddpm``: the DDPM on digits, its reverse process, samples with 10 and 1000 steps, FIDs.

Defaults are CPU-sized; on CUDA it trains ten times longer and draws more full-chain samples.
"""

from __future__ import annotations

import time
from dataclasses import asdict
from typing import Any

import numpy as np
import torch

from gradekit.data import load_data
from gradekit.figures import save_image_grid, save_loss_curves
from gradekit.metrics.image_fid import channels_first, feature_extractor, image_fid
from gradekit.models.diffusion import ASSIGNMENT_STEPS, DDPMConfig, draw_samples, reverse_process, train_ddpm
from gradekit.models.signed_images import to_signed, to_unit
from gradekit.runs.settings import Result, Run

SHOWN = 10  # images per row of the figures
DDPM_STEPS = {"cpu": 2000, "cuda": 20000}
DDPM_FID_SAMPLES = 500  # as many as the grader draws
DDPM_FULL_CHAIN_SAMPLES = {"cpu": 200, "cuda": 500}  # 1000 network calls per batch: fewer on a CPU
FINAL_LOSS_STEPS = 50  # the training loss reported is the mean of the last steps


def run_ddpm(run: Run) -> Result:
    """DDPM on digits: the loss curves, the 10-step reverse process, samples with 10 and with 1000 steps, FIDs."""
    split = load_data(run.image_data, seed=run.seed)
    train, test = (to_signed(images).to(run.device) for images in (split.train_images, split.test_images))
    if train.shape[-1] % 2 or train.shape[-2] % 2:
        raise ValueError(f"the U-Net halves the image once: its sides must be even, not {tuple(train.shape[-2:])}")
    config = DDPMConfig(train=run.settings.loop_config(DDPMConfig().train, len(train), DDPM_STEPS[run.device.type]))
    steps = config.train.steps
    trained = train_ddpm(train, test, config, on_step=run.track("DDPM", steps))
    shape = (train.shape[1], train.shape[2], train.shape[3])
    generator = torch.Generator().manual_seed(run.seed)
    states, taus = reverse_process(trained.model, config, SHOWN, shape, ASSIGNMENT_STEPS, generator)
    samples: dict[int, np.ndarray] = {}
    metrics: dict[str, Any] = {}  # a row per sampler, for the summary table, and the losses
    for chain, count in ((ASSIGNMENT_STEPS, DDPM_FID_SAMPLES), (config.T, DDPM_FULL_CHAIN_SAMPLES[run.device.type])):
        started = time.monotonic()
        samples[chain] = to_unit(draw_samples(trained.model, config, count, shape, chain, generator))  # (N, H, W)
        metrics[f"{chain} steps"] = {"samples": count, "sampling_seconds": round(time.monotonic() - started, 2)}
    if split.has_labels and len(split.image_shape) == 2:  # digits: the digit network's features apply
        extract = feature_extractor("digits")
        for chain, images in samples.items():
            metrics[f"{chain} steps"]["fid"] = image_fid(channels_first(images), split.test_images, extract)
        metrics["fid_training_digits"] = image_fid(split.train_images[:DDPM_FID_SAMPLES], split.test_images, extract)
    history = trained.history
    metrics.update(final_train_loss=float(np.mean(history.train[-FINAL_LOSS_STEPS:])),
                   final_test_loss=history.test[-1])
    figures = ["loss_curves.png", "reverse_process.png", f"samples_{ASSIGNMENT_STEPS}_steps.png",
               f"samples_{config.T}_steps.png"]
    save_loss_curves(run.out / figures[0], {"DDPM": history}, title=f"DDPM on {split.name}",
                     ylabel="mean squared error of the predicted noise", log_scale=True)
    process = to_unit(states.flatten(0, 1))
    save_image_grid(run.out / figures[1], process.reshape(SHOWN, len(taus), *process.shape[1:]),
                    title=f"the reverse process, {ASSIGNMENT_STEPS} steps: x_T, then x after denoising at step τ",
                    col_labels=["x_T", *[f"τ={tau}" for tau in taus[1:]]])
    for chain, name in zip(samples, figures[2:], strict=True):
        grid = samples[chain][:64]
        save_image_grid(run.out / name, grid.reshape(8, len(grid) // 8, *grid.shape[1:]),
                        title=f"samples, {chain} sampling steps")
    return {"config": asdict(config), "metrics": metrics, "reverse_steps": taus, "figures": figures}

