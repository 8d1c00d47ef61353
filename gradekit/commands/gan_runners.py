"""The GAN runners of ``gradekit train``: toy-gan, dcgan, cgan, mode-collapse.

Each ``run_<model>(settings, bar) -> result`` trains with the library's loops
(``gradekit.models.gans``, ``gradekit.models.toy_gan``), evaluates, and writes
its PNG figures into ``settings.out``; ``gradekit.commands.train`` registers
them and writes ``metrics.json``. Defaults are CPU-sized; on CUDA the DCGAN
runs the assignment's 20,000 iterations.
"""

from __future__ import annotations

from dataclasses import asdict, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the command module imports this one; annotations only
    from gradekit.commands.train import RunSettings, StepBar

SNAPSHOT_COLUMNS = 5  # panels per row in the toy GAN's snapshot figure
DCGAN_GPU_STEPS = 20000  # the assignment's run
DCGAN_CPU_STEPS = 1500  # about a minute and a half on one core at conv_dim 16
FID_SAMPLES = 3000  # the assignment's "around 3000 generated images"


def _device_and_threads(settings: RunSettings):
    import torch

    from gradekit.models.training import pick_device

    torch.set_num_threads(settings.threads)
    return pick_device(settings.device)


def run_toy_gan(settings: RunSettings, bar: StepBar) -> dict:
    """The quadratic-curve GAN: losses, real and generated points every 1000 steps, D's 2-D feature space."""
    import numpy as np

    from gradekit.gan_figures import save_feature_space, save_gan_losses, save_point_snapshots
    from gradekit.models.toy_gan import ToyGANConfig, curve_metrics, discriminator_features, train_toy_gan

    _device_and_threads(settings)  # a 16-unit MLP: the CPU is the right device whatever is asked
    default = ToyGANConfig().train
    train = replace(default, steps=settings.steps or default.steps, seed=settings.seed)
    config = ToyGANConfig(train=train)
    trained, real = train_toy_gan(config, on_step=bar.track("toy GAN", train.steps))
    final = trained.snapshots[-1][1].numpy()
    metrics = curve_metrics(final)
    shown = real[np.random.default_rng(settings.seed).permutation(len(real))[:config.snapshot_points]]
    save_gan_losses(settings.out / "losses.png", trained.history, title="toy GAN on (x, x^2)",
                    every=max(1, train.steps // 100))
    save_point_snapshots(settings.out / "samples.png", shown, [(s, p.numpy()) for s, p in trained.snapshots],
                         title="real (grey) and generated (red) points", columns=SNAPSHOT_COLUMNS)
    save_feature_space(settings.out / "feature_space.png", discriminator_features(trained.discriminator, shown),
                       discriminator_features(trained.discriminator, final),
                       title="the discriminator's third hidden layer (width 2)")
    return {"config": asdict(config), "data": "(x, x^2), x ~ U[-1, 1]", "metrics": metrics,
            "figures": ["losses.png", "samples.png", "feature_space.png"]}


def _faces_or_folder(settings: RunSettings):
    """Training images (N, 32, 32, 3) in [0, 1] and a name: synthetic faces, or a folder of PNGs.

    The command's generic default data, the 8x8 grey digits, cannot feed a
    32x32 colour DCGAN, so it means the DCGAN's own default here: the faces.
    """
    import numpy as np

    from gradekit.data import load_image_folder
    from gradekit.data.faces import make_faces

    spec = settings.data if settings.data not in (None, "digits") else "faces"
    kind, _, argument = spec.partition(":")
    if kind == "faces":
        count = int(argument) if argument else 3000
        return make_faces(count, seed=settings.seed).images, f"faces:{count}"
    if kind == "folder" and argument:
        split = load_image_folder(argument, seed=settings.seed, side=32)
        return np.concatenate([split.train_images, split.test_images]), spec  # a GAN needs no held-out set
    raise ValueError(f"the DCGAN trains on faces[:COUNT] or folder:DIR (32x32 colour PNGs), not {spec!r}")


def run_dcgan(settings: RunSettings, bar: StepBar) -> dict:
    """The LS-DCGAN: fixed-noise snapshots every 200 iterations, losses, and the FID of 3000 samples."""
    import numpy as np
    import torch

    from gradekit.figures import save_image_grid
    from gradekit.gan_figures import save_gan_losses
    from gradekit.metrics.face_net import load_face_net
    from gradekit.models.gan_evaluation import image_fid
    from gradekit.models.gans import DCGANConfig, GANConfig, generate_images, train_dcgan

    device = _device_and_threads(settings)
    images, name = _faces_or_folder(settings)
    on_gpu = device.type == "cuda"
    steps = settings.steps or (DCGAN_GPU_STEPS if on_gpu else DCGAN_CPU_STEPS)
    config = DCGANConfig(conv_dim=32 if on_gpu else 16,
                         train=GANConfig(steps=steps, batch_size=16, learning_rate=2e-4 if on_gpu else 1e-3,
                                         seed=settings.seed))
    data = torch.from_numpy(np.ascontiguousarray(images.transpose(0, 3, 1, 2))).to(device) * 2 - 1
    trained = train_dcgan(data, config, on_step=bar.track("LS-DCGAN", steps))
    samples = (generate_images(trained.generator, FID_SAMPLES, config.noise_dim, settings.seed + 2) + 1) / 2
    real = data.cpu().numpy() / 2 + 0.5
    fid = image_fid(samples.clamp(0, 1).numpy(), real, load_face_net().features)
    snapshot_dir = settings.out / "snapshots"
    snapshot_dir.mkdir(exist_ok=True)
    for step, batch in trained.snapshots:
        save_image_grid(snapshot_dir / f"step_{step:06d}.png", _grid(batch), title=f"iteration {step}")
    save_image_grid(settings.out / "samples.png", _grid(trained.snapshots[-1][1]),
                    title=f"fixed noise after {steps} iterations")
    save_gan_losses(settings.out / "losses.png", trained.history, title=f"LS-DCGAN on {name}",
                    every=max(1, steps // 200))
    return {"config": asdict(config), "data": name,
            "metrics": {"fid": fid, "fid_samples": FID_SAMPLES, "fid_features": "gradekit.metrics.face_net"},
            "snapshots": len(trained.snapshots), "figures": ["losses.png", "samples.png", "snapshots/"]}


def _grid(batch):
    """A batch of G's images (B, 3, 32, 32) in [-1, 1] as a square grid (rows, cols, 32, 32, 3) in [0, 1]."""
    import math

    side = math.isqrt(len(batch))
    images = ((batch[:side * side] + 1) / 2).clamp(0, 1).permute(0, 2, 3, 1).numpy()
    return images.reshape(side, side, *images.shape[1:])


def run_cgan(settings: RunSettings, bar: StepBar) -> dict:
    """The conditional GAN on digits: a per-label sample grid, label accuracy and digit FID."""
    import numpy as np
    import torch

    from gradekit.calc.cgan import sample_grid
    from gradekit.data import load_digits_split
    from gradekit.figures import save_image_grid
    from gradekit.gan_figures import save_gan_losses
    from gradekit.metrics.digit_net import load_digit_net
    from gradekit.models.gan_evaluation import image_fid, label_accuracy
    from gradekit.models.gans import CGANConfig, train_cgan

    device = _device_and_threads(settings)
    split = load_digits_split(seed=settings.seed)
    default = CGANConfig().train
    config = CGANConfig(train=replace(default, steps=settings.steps or default.steps, seed=settings.seed))
    rows = torch.from_numpy(split.train_images.reshape(len(split.train_images), -1)).to(device) * 2 - 1
    labels = torch.from_numpy(split.train_labels).to(device)
    trained = train_cgan(rows, labels, config, on_step=bar.track("conditional GAN", config.train.steps))
    generator = trained.generator
    noise = torch.randn(FID_SAMPLES // 10, config.noise_dim, generator=torch.Generator().manual_seed(settings.seed + 2))
    grid = sample_grid(generator, noise.to(device)).cpu()  # (10, 300, 64): 3000 samples, 300 of each digit
    samples = ((grid.reshape(-1, 1, 8, 8) + 1) / 2).clamp(0, 1).numpy()
    asked = np.repeat(np.arange(10), len(noise))
    net = load_digit_net()
    metrics = {"label_accuracy": label_accuracy(samples, asked, net),
               "fid": image_fid(samples, split.train_images[:, None], net.features),
               "fid_features": "gradekit.metrics.digit_net"}
    shown = ((grid[:, :config.per_label] + 1) / 2).clamp(0, 1).reshape(10, config.per_label, 8, 8).numpy()
    save_image_grid(settings.out / "samples_by_label.png", shown, row_labels=[str(k) for k in range(10)],
                    title="one row per label, the same noise in each column")
    save_gan_losses(settings.out / "losses.png", trained.history, title="conditional GAN on digits",
                    every=max(1, config.train.steps // 200))
    return {"config": asdict(config), "data": "digits", "metrics": metrics,
            "figures": ["samples_by_label.png", "losses.png"]}


def run_mode_collapse(settings: RunSettings, bar: StepBar) -> dict:
    """GANs on a ring of 8 Gaussians: a plain GAN whose generator outruns its discriminator (5 steps to its 1)
    collapses, hopping from mode to mode a few at a time; PacGAN, whose discriminator judges packs of 4
    samples, covers every mode. Seed 0 shows both; the plain GAN's hopping differs from seed to seed."""
    from gradekit.calc.mode_collapse import ring_centers
    from gradekit.gan_figures import save_mode_counts, save_ring_runs
    from gradekit.models.toy_gan import RingConfig, ring_metrics, train_ring_gan

    _device_and_threads(settings)
    default = RingConfig()
    train = replace(default.train, steps=settings.steps or default.train.steps, seed=settings.seed)
    runs = {"collapsed: plain GAN, 5 G steps per D step": RingConfig(pack=1, train=replace(train, generator_steps=5)),
            "healthy: PacGAN, packs of 4": RingConfig(pack=4, train=train)}
    results, curves, finals = {}, {}, {}
    for label, config in runs.items():
        trained = train_ring_gan(config, on_step=bar.track(label, train.steps))
        curves[label] = [(step, ring_metrics(points.numpy(), config)["modes"]) for step, points in trained.snapshots]
        finals[label] = trained.snapshots[-1][1].numpy()
        results[label] = {"config": asdict(config), **ring_metrics(finals[label], config),
                          "modes_by_step": curves[label]}
    config = next(iter(runs.values()))
    save_ring_runs(settings.out / "rings.png", finals, ring_centers(config.modes, config.radius), config.quality_radius,
                   title=f"generated points; circles: within 3 standard deviations of a mode")
    save_mode_counts(settings.out / "modes.png", curves, modes=config.modes)
    return {"data": f"{config.modes} Gaussians on a ring of radius {config.radius:g}, std {config.std:g}",
            "metrics": {label: {key: run[key] for key in ("modes", "high_quality_fraction")}
                        for label, run in results.items()},
            "runs": results, "figures": ["rings.png", "modes.png"]}
