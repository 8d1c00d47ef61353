"""``gradekit train toy-gan``, ``dcgan``, ``cgan`` and ``mode-collapse``: the GANs of the course.

Defaults are CPU-sized; on CUDA the DCGAN runs the assignment's 20,000 iterations.
"""

from __future__ import annotations

import math
from dataclasses import asdict, replace

import numpy as np
import torch

from gradekit.calc.cgan import sample_grid
from gradekit.calc.mode_collapse import ring_centers
from gradekit.data import load_digits_split, load_image_folder
from gradekit.data.faces import make_faces
from gradekit.figures import (
    save_feature_space,
    save_gan_losses,
    save_image_grid,
    save_mode_counts,
    save_point_snapshots,
    save_ring_runs,
)
from gradekit.metrics.digit_net import load_digit_net
from gradekit.metrics.face_net import load_face_net
from gradekit.metrics.image_fid import image_fid
from gradekit.metrics.samples import label_accuracy
from gradekit.models.gans import CGANConfig, DCGANConfig, GANConfig, generate_images, train_cgan, train_dcgan
from gradekit.models.signed_images import to_signed
from gradekit.models.toy_gan import (
    RingConfig,
    ToyGANConfig,
    curve_metrics,
    discriminator_features,
    ring_metrics,
    train_ring_gan,
    train_toy_gan,
)
from gradekit.runs.settings import Result, Run

SNAPSHOT_COLUMNS = 5  # panels per row in the toy GAN's snapshot figure
DCGAN_GPU_STEPS = 20000  # the assignment's run
DCGAN_CPU_STEPS = 1500  # about a minute and a half on one core at conv_dim 16
DCGAN_FACES = 3000  # faces drawn when --data faces names no count
DCGAN_SIDE = 32  # the DCGAN's images: 32x32 colour, the size of the assignment's emoji
FID_SAMPLES = 3000  # the assignment's "around 3000 generated images"
CURVE_LOSS_POINTS = 100  # points on the toy GAN's loss curve
IMAGE_LOSS_POINTS = 200  # points on the image GANs' loss curves


def run_toy_gan(run: Run) -> Result:
    """The quadratic-curve GAN: losses, real and generated points every 1000 steps, D's 2-D feature space."""
    default = ToyGANConfig().train  # a 16-unit MLP: the CPU is the right device whatever is asked
    train = replace(default, steps=run.settings.steps or default.steps, seed=run.seed)
    config = ToyGANConfig(train=train)
    trained, real = train_toy_gan(config, on_step=run.track("toy GAN", train.steps))
    final = trained.snapshots[-1][1].numpy()
    metrics = curve_metrics(final)
    shown = real[np.random.default_rng(run.seed).permutation(len(real))[:config.snapshot_points]]
    save_gan_losses(run.out / "losses.png", trained.history, title="toy GAN on (x, x^2)",
                    every=max(1, train.steps // CURVE_LOSS_POINTS))
    save_point_snapshots(run.out / "samples.png", shown, [(s, p.numpy()) for s, p in trained.snapshots],
                         title="real (grey) and generated (red) points", columns=SNAPSHOT_COLUMNS)
    save_feature_space(run.out / "feature_space.png", discriminator_features(trained.discriminator, shown),
                       discriminator_features(trained.discriminator, final),
                       title="the discriminator's third hidden layer (width 2)")
    return {"config": asdict(config), "data": "(x, x^2), x ~ U[-1, 1]", "metrics": metrics,
            "figures": ["losses.png", "samples.png", "feature_space.png"]}


def dcgan_images(run: Run) -> tuple[np.ndarray, str]:
    """Training images (N, 32, 32, 3) in [0, 1] and their name: synthetic faces, or a folder of PNGs."""
    data = run.image_data
    if data.kind == "faces":
        count = data.number(default=DCGAN_FACES)
        return make_faces(count, seed=run.seed).images, f"faces:{count}"
    split = load_image_folder(data.folders[0], seed=run.seed, side=DCGAN_SIDE)
    return np.concatenate([split.train_images, split.test_images]), str(data)  # a GAN needs no held-out set


def run_dcgan(run: Run) -> Result:
    """The LS-DCGAN: fixed-noise snapshots every 200 iterations, losses, and the FID of 3000 samples."""
    images, name = dcgan_images(run)
    steps = run.settings.steps or (DCGAN_GPU_STEPS if run.on_gpu else DCGAN_CPU_STEPS)
    config = DCGANConfig(conv_dim=32 if run.on_gpu else 16,
                         train=GANConfig(steps=steps, batch_size=16, learning_rate=2e-4 if run.on_gpu else 1e-3,
                                         seed=run.seed))
    data = to_signed(images).to(run.device)  # (N, 3, 32, 32) in [-1, 1]
    trained = train_dcgan(data, config, on_step=run.track("LS-DCGAN", steps))
    samples = (generate_images(trained.generator, FID_SAMPLES, config.noise_dim, run.seed + 2) + 1) / 2
    real = data.cpu().numpy() / 2 + 0.5
    fid = image_fid(samples.clamp(0, 1).numpy(), real, load_face_net().features)
    snapshot_dir = run.out / "snapshots"
    snapshot_dir.mkdir(exist_ok=True)
    for step, batch in trained.snapshots:
        save_image_grid(snapshot_dir / f"step_{step:06d}.png", square_grid(batch), title=f"iteration {step}")
    save_image_grid(run.out / "samples.png", square_grid(trained.snapshots[-1][1]),
                    title=f"fixed noise after {steps} iterations")
    save_gan_losses(run.out / "losses.png", trained.history, title=f"LS-DCGAN on {name}",
                    every=max(1, steps // IMAGE_LOSS_POINTS))
    return {"config": asdict(config), "data": name,
            "metrics": {"fid": fid, "fid_samples": FID_SAMPLES, "fid_features": "gradekit.metrics.face_net"},
            "snapshots": len(trained.snapshots), "figures": ["losses.png", "samples.png", "snapshots/"]}


def square_grid(batch: torch.Tensor) -> np.ndarray:
    """A batch of G's images (B, 3, H, W) in [-1, 1] as a square grid (rows, cols, H, W, 3) in [0, 1]."""
    side = math.isqrt(len(batch))
    images = ((batch[:side * side] + 1) / 2).clamp(0, 1).permute(0, 2, 3, 1).numpy()
    return images.reshape(side, side, *images.shape[1:])


def run_cgan(run: Run) -> Result:
    """The conditional GAN on digits: a per-label sample grid, label accuracy and digit FID."""
    split = load_digits_split(seed=run.seed)
    assert split.train_labels is not None  # the bundled digits are labelled
    default = CGANConfig().train
    config = CGANConfig(train=replace(default, steps=run.settings.steps or default.steps, seed=run.seed))
    rows = torch.from_numpy(split.train_images.reshape(len(split.train_images), -1)).to(run.device) * 2 - 1
    labels = torch.from_numpy(split.train_labels).to(run.device)
    trained = train_cgan(rows, labels, config, on_step=run.track("conditional GAN", config.train.steps))
    noise = torch.randn(FID_SAMPLES // 10, config.noise_dim, generator=torch.Generator().manual_seed(run.seed + 2))
    grid = sample_grid(trained.generator, noise.to(run.device)).detach().cpu()  # (10, 300, 64): 300 of each digit
    samples = ((grid.reshape(-1, 1, 8, 8) + 1) / 2).clamp(0, 1).numpy()
    asked = np.repeat(np.arange(10), len(noise))
    net = load_digit_net()
    metrics = {"label_accuracy": label_accuracy(samples, asked, net),
               "fid": image_fid(samples, split.train_images[:, None], net.features),
               "fid_features": "gradekit.metrics.digit_net"}
    shown = ((grid[:, :config.per_label] + 1) / 2).clamp(0, 1).reshape(10, config.per_label, 8, 8).numpy()
    save_image_grid(run.out / "samples_by_label.png", shown, row_labels=[str(k) for k in range(10)],
                    title="one row per label, the same noise in each column")
    save_gan_losses(run.out / "losses.png", trained.history, title="conditional GAN on digits",
                    every=max(1, config.train.steps // IMAGE_LOSS_POINTS))
    return {"config": asdict(config), "data": "digits", "metrics": metrics,
            "figures": ["samples_by_label.png", "losses.png"]}


def run_mode_collapse(run: Run) -> Result:
    """GANs on a ring of 8 Gaussians: a plain GAN whose generator outruns its discriminator (5 steps to its 1)
    collapses, hopping from mode to mode a few at a time; PacGAN, whose discriminator judges packs of 4
    samples, covers every mode. Seed 0 shows both; the plain GAN's hopping differs from seed to seed."""
    default = RingConfig()
    train = replace(default.train, steps=run.settings.steps or default.train.steps, seed=run.seed)
    runs = {"collapsed: plain GAN, 5 G steps per D step": RingConfig(pack=1, train=replace(train, generator_steps=5)),
            "healthy: PacGAN, packs of 4": RingConfig(pack=4, train=train)}
    results, curves, finals = {}, {}, {}
    for label, config in runs.items():
        trained = train_ring_gan(config, on_step=run.track(label, train.steps))
        curves[label] = [(step, ring_metrics(points.numpy(), config)["modes"]) for step, points in trained.snapshots]
        finals[label] = trained.snapshots[-1][1].numpy()
        results[label] = {"config": asdict(config), **ring_metrics(finals[label], config),
                          "modes_by_step": curves[label]}
    config = next(iter(runs.values()))
    save_ring_runs(run.out / "rings.png", finals, ring_centers(config.modes, config.radius), config.quality_radius,
                   title="generated points; circles: within 3 standard deviations of a mode")
    save_mode_counts(run.out / "modes.png", curves, modes=config.modes)
    return {"data": f"{config.modes} Gaussians on a ring of radius {config.radius:g}, std {config.std:g}",
            "metrics": {label: {key: result[key] for key in ("modes", "high_quality_fraction")}
                        for label, result in results.items()},
            "runs": results, "figures": ["rings.png", "modes.png"]}
