"""``gradekit train autoencoder`` and ``dae``: the three autoencoders, and the patch-noise denoiser."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import numpy as np
import torch

from gradekit.calc.denoising_autoencoder import add_patch_noise
from gradekit.data import ImageSplit, load_data
from gradekit.figures import save_image_grid, save_loss_curves
from gradekit.metrics.reconstruction import linear_probe_accuracy
from gradekit.models.autoencoders import (
    KINDS,
    AutoencoderConfig,
    DenoiserConfig,
    default_patch,
    denoise,
    encode_and_reconstruct,
    evaluate_autoencoder,
    evaluate_denoiser,
    train_autoencoder,
    train_denoiser,
)
from gradekit.models.training import TrainConfig, TrainedModel
from gradekit.runs.settings import Result, Run

SHOWN = 10  # test images shown in reconstruction figures: one per digit when labelled
AUTOENCODER_STEPS = 1500
DAE_STEPS = 2000


def load_images(run: Run) -> tuple[ImageSplit, torch.Tensor, torch.Tensor]:
    """The run's images, seeded: the split, and its train and test images as tensors on the run's device."""
    split = load_data(run.image_data, seed=run.seed)
    train, test = (torch.from_numpy(images).to(run.device) for images in (split.train_images, split.test_images))
    return split, train, test


def showcase(split: ImageSplit) -> list[int]:
    """Test images for figures: the first of each digit when labelled, else the first ``SHOWN``."""
    if split.test_labels is None:
        return list(range(min(SHOWN, len(split.test_images))))
    return [int((split.test_labels == digit).nonzero()[0][0]) for digit in sorted(set(split.test_labels))][:SHOWN]


def grey(images: torch.Tensor) -> torch.Tensor:
    """Colour images (N, H, W, C) averaged to grey (N, H, W); grey ones as they are."""
    return images.mean(dim=-1) if images.dim() == 4 else images


def run_autoencoder(run: Run) -> Result:
    """Undercomplete, sparse and convolutional autoencoders; reconstructions and linear probes."""
    split, train, test = load_images(run)
    config = AutoencoderConfig(train=run.settings.loop_config(TrainConfig(), len(train), AUTOENCODER_STEPS))
    trained: dict[str, TrainedModel] = {}
    metrics: dict[str, Any] = {}
    for kind in KINDS:
        trained[kind] = train_autoencoder(kind, train, test, config,
                                          on_step=run.track(f"{kind} autoencoder", config.train.steps))
        metrics[kind] = evaluate_autoencoder(trained[kind], train, test, split.train_labels, split.test_labels)
    if split.train_labels is not None and split.test_labels is not None:
        flat_train, flat_test = split.flat()
        metrics["raw_pixel_probe_accuracy"] = linear_probe_accuracy(flat_train, split.train_labels,
                                                                    flat_test, split.test_labels)
    shown = showcase(split)
    rows = [split.test_images[shown]]
    for kind in KINDS:
        _, recon = encode_and_reconstruct(trained[kind], test[shown])
        rows.append(recon.cpu().numpy())
    save_loss_curves(run.out / "loss_curves.png", {k: t.history for k, t in trained.items()},
                     title=f"autoencoders on {split.name}", ylabel="squared error per image (+ L1 for sparse)",
                     log_scale=True)
    save_image_grid(run.out / "reconstructions.png", np.stack(rows),
                    title=f"held-out {split.name}: originals and reconstructions",
                    row_labels=["original", *KINDS])
    return {"config": asdict(config), "metrics": metrics,
            "figures": ["loss_curves.png", "reconstructions.png"]}


def run_dae(run: Run) -> Result:
    """The patch-noise MLP denoising autoencoder; PSNR inside the patch before and after."""
    split, train, test = load_images(run)
    train, test = grey(train), grey(test)
    patch = run.settings.patch if run.settings.patch is not None else default_patch(train.shape[1])
    config = DenoiserConfig(patch=patch, train=run.settings.loop_config(TrainConfig(), len(train), DAE_STEPS))
    trained = train_denoiser(train, test, config, on_step=run.track("denoising autoencoder", config.train.steps))
    noisy = add_patch_noise(test, config.patch, torch.Generator().manual_seed(run.seed + 100))
    denoised = denoise(trained.model, noisy)
    clean, noisy_images, denoised_images = (t.cpu().numpy() for t in (test, noisy, denoised))
    metrics = evaluate_denoiser(clean, noisy_images, denoised_images)
    shown = showcase(split)
    save_loss_curves(run.out / "loss_curves.png", {"DAE": trained.history},
                     title=f"denoising autoencoder on {split.name}, {patch}x{patch} noisy patch",
                     ylabel="squared error per image", log_scale=True)
    save_image_grid(run.out / "denoising.png",
                    np.stack([clean[shown], noisy_images[shown], denoised_images[shown]]),
                    title=f"held-out {split.name}: PSNR in the patch {metrics['psnr_patch_noisy']:.1f} dB "
                          f"-> {metrics['psnr_patch_denoised']:.1f} dB",
                    row_labels=["clean", "noisy", "denoised"])
    return {"config": asdict(config), "metrics": metrics, "figures": ["loss_curves.png", "denoising.png"]}
