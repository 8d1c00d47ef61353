"""``gradekit train MODEL``: train a reference model, write ``metrics.json`` and PNG figures.

Each model has a runner, ``run_<model>(settings, progress) -> metrics``: it
loads the data, trains with the library's loops (which do no I/O), evaluates,
and writes the figures. The small defaults train on 8x8 digits on a CPU in
well under a minute each; ``--data mnist:DIR --epochs 20`` is the full-size
run for a GPU (``--device auto`` takes CUDA when present).
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import asdict, dataclass, replace
from enum import Enum
from pathlib import Path
from typing import Annotated, Callable, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from gradekit.commands import gan_runners, generative_runners
from gradekit.commands.common import CourseOption, fail

err = Console(stderr=True)

SAMPLE_COUNT = 10  # test images shown in reconstruction figures: one per digit when labelled
DEFAULT_DATA = "digits"
# Each model's own default data, so metrics.json names what it trained on. The DAE's is its grading
# setting (on 8x8 digits a patch hides too much to restore); the GANs on points make their own.
MODEL_DATA = {"dae": "digits:16", "dcgan": "faces", "latent-arithmetic": "squares",
              "toy-gan": "quadratic curve", "mode-collapse": "ring of 8 Gaussians"}
MAKES_ITS_OWN_DATA = ("toy-gan", "mode-collapse")


@dataclass(frozen=True)
class RunSettings:
    """What the command line asks of a run; ``None`` means the model's own default."""

    out: Path
    device: str = "auto"
    data: Optional[str] = None  # None: the model's own default (MODEL_DATA), else DEFAULT_DATA
    seed: int = 0
    steps: Optional[int] = None
    epochs: Optional[float] = None
    latent: int = 8  # the VAE whose samples and interpolations are drawn
    patch: Optional[int] = None  # the DAE's noisy patch; default: default_patch(side), 4 on 8x8 digits
    threads: int = 1  # CPU threads: these small models gain nothing from more, and lose a lot on a busy machine

    def steps_for(self, train_count: int, batch_size: int, default: int) -> int:
        """``--epochs`` passes over the training set, else ``--steps``, else ``default``."""
        if self.epochs is not None:
            return max(1, math.ceil(self.epochs * train_count / batch_size))
        return self.steps if self.steps is not None else default


class StepBar:
    """A rich progress bar on stderr; ``track(name, total)`` gives an ``on_step`` callback."""

    def __init__(self, progress: Progress):
        self.progress = progress

    def track(self, name: str, total: int) -> Callable[[int, float], None]:
        task = self.progress.add_task(name, total=total, loss=float("nan"))

        def on_step(step: int, loss: float) -> None:
            if step % 10 == 0 or step == total:
                self.progress.update(task, completed=step, loss=loss)
        return on_step


# ---------------------------------------------------------------- shared steps


def _prepare(settings: RunSettings):
    """Seeded data on the chosen device: (split, train tensor, test tensor)."""
    import torch

    from gradekit.data import load_data
    from gradekit.models.training import pick_device

    split = load_data(settings.data or DEFAULT_DATA, seed=settings.seed)
    device = pick_device(settings.device)
    torch.set_num_threads(settings.threads)
    train = torch.from_numpy(split.train_images).to(device)
    test = torch.from_numpy(split.test_images).to(device)
    return split, train, test


def _showcase_indices(split) -> list[int]:
    """Test images for figures: the first of each digit when labelled, else the first ten."""
    if split.test_labels is None:
        return list(range(min(SAMPLE_COUNT, len(split.test_images))))
    return [int((split.test_labels == digit).nonzero()[0][0]) for digit in sorted(set(split.test_labels))][:SAMPLE_COUNT]


def _grey(images):
    """Colour images (N, H, W, C) averaged to grey (N, H, W); grey ones as they are."""
    return images.mean(dim=-1) if images.dim() == 4 else images


def _train_config(settings: RunSettings, train_count: int, default_steps: int):
    """The loop's settings for this run: its steps and seed, 40 points on the held-out curve."""
    from gradekit.models.training import TrainConfig

    defaults = TrainConfig()
    steps = settings.steps_for(train_count, defaults.batch_size, default_steps)
    return replace(defaults, steps=steps, eval_every=max(1, steps // 40), seed=settings.seed)


# ---------------------------------------------------------------- runners


def run_autoencoder(settings: RunSettings, bar: StepBar) -> dict:
    """Undercomplete, sparse and convolutional autoencoders; reconstructions and linear probes."""
    import numpy as np

    from gradekit.figures import save_image_grid, save_loss_curves
    from gradekit.models.autoencoders import (KINDS, AutoencoderConfig, encode_and_reconstruct,
                                              evaluate_autoencoder, train_autoencoder)
    from gradekit.models.evaluation import linear_probe_accuracy

    split, train, test = _prepare(settings)
    config = AutoencoderConfig(train=_train_config(settings, len(train), default_steps=1500))
    trained, metrics = {}, {}
    for kind in KINDS:
        trained[kind] = train_autoencoder(kind, train, test, config,
                                          on_step=bar.track(f"{kind} autoencoder", config.train.steps))
        metrics[kind] = evaluate_autoencoder(trained[kind], train, test, split.train_labels, split.test_labels)
    if split.has_labels:
        flat_train, flat_test = split.flat()
        metrics["raw_pixel_probe_accuracy"] = linear_probe_accuracy(flat_train, split.train_labels,
                                                                    flat_test, split.test_labels)
    shown = _showcase_indices(split)
    rows = [split.test_images[shown]]
    for kind in KINDS:
        _, recon = encode_and_reconstruct(trained[kind], test[shown])
        rows.append(recon.cpu().numpy())
    save_loss_curves(settings.out / "loss_curves.png", {k: t.history for k, t in trained.items()},
                     title=f"autoencoders on {split.name}", ylabel="squared error per image (+ L1 for sparse)",
                     log_scale=True)
    save_image_grid(settings.out / "reconstructions.png", np.stack(rows),
                    title=f"held-out {split.name}: originals and reconstructions",
                    row_labels=["original", *KINDS])
    return {"config": asdict(config), "metrics": metrics,
            "figures": ["loss_curves.png", "reconstructions.png"]}


def run_dae(settings: RunSettings, bar: StepBar) -> dict:
    """The patch-noise MLP denoising autoencoder; PSNR inside the patch before and after."""
    import numpy as np
    import torch

    from gradekit.calc.denoising_autoencoder import add_patch_noise
    from gradekit.figures import save_image_grid, save_loss_curves
    from gradekit.models.autoencoders import (DenoiserConfig, default_patch, denoise, evaluate_denoiser,
                                              train_denoiser)

    split, train, test = _prepare(settings)
    train, test = _grey(train), _grey(test)
    patch = settings.patch if settings.patch is not None else default_patch(train.shape[1])
    config = DenoiserConfig(patch=patch, train=_train_config(settings, len(train), default_steps=2000))
    trained = train_denoiser(train, test, config, on_step=bar.track("denoising autoencoder", config.train.steps))
    noisy = add_patch_noise(test, config.patch, torch.Generator().manual_seed(settings.seed + 100))
    denoised = denoise(trained.model, noisy)
    clean, noisy, denoised = (t.cpu().numpy() for t in (test, noisy, denoised))
    metrics = evaluate_denoiser(clean, noisy, denoised)
    shown = _showcase_indices(split)
    save_loss_curves(settings.out / "loss_curves.png", {"DAE": trained.history},
                     title=f"denoising autoencoder on {split.name}, {patch}x{patch} noisy patch",
                     ylabel="squared error per image", log_scale=True)
    save_image_grid(settings.out / "denoising.png", np.stack([clean[shown], noisy[shown], denoised[shown]]),
                    title=f"held-out {split.name}: PSNR in the patch {metrics['psnr_patch_noisy']:.1f} dB "
                          f"-> {metrics['psnr_patch_denoised']:.1f} dB",
                    row_labels=["clean", "noisy", "denoised"])
    return {"config": asdict(config), "metrics": metrics, "figures": ["loss_curves.png", "denoising.png"]}


def run_vae(settings: RunSettings, bar: StepBar) -> dict:
    """The latent-size sweep, then samples and interpolations from the VAE of size ``--latent``."""
    import numpy as np
    import torch

    from gradekit.figures import interpolation_column_labels, save_image_grid, save_loss_curves
    from gradekit.models.vae import (LATENT_SIZES, VAEConfig, decode_means, interpolation_rows, latent_sweep,
                                     prior_samples)

    split, train, test = _prepare(settings)
    shape = split.image_shape
    train_rows, test_rows = train.flatten(1), test.flatten(1)
    config = VAEConfig(latent_dim=settings.latent, train=_train_config(settings, len(train), default_steps=1500))
    sizes = sorted(set(LATENT_SIZES) | {settings.latent})
    callbacks = {size: bar.track(f"VAE, latent {size}", config.train.steps) for size in sizes}
    sweep = latent_sweep(train_rows, test_rows, config, sizes,
                         on_step=lambda size, step, loss: callbacks[size](step, loss))
    main = next(entry for entry in sweep if entry.latent_dim == settings.latent).trained

    def images(rows: torch.Tensor) -> np.ndarray:
        return rows.detach().cpu().numpy().reshape(*rows.shape[:-1], *shape)

    shown = _showcase_indices(split)
    recon_rows = [split.test_images[shown], *(images(decode_means(e.trained.model, test_rows[shown])) for e in sweep)]
    generator = torch.Generator().manual_seed(settings.seed)
    samples = images(prior_samples(main.model, 64, generator)).reshape(8, 8, *shape)
    figures = ["loss_curves.png", "sweep_loss_curves.png", "reconstructions.png", "samples.png"]
    save_loss_curves(settings.out / "loss_curves.png", {f"latent {settings.latent}": main.history},
                     title=f"VAE on {split.name}", ylabel="negative ELBO (nats per image)")
    save_loss_curves(settings.out / "sweep_loss_curves.png", {f"d={e.latent_dim}": e.trained.history for e in sweep},
                     title=f"VAE latent sizes on {split.name}", ylabel="negative ELBO (nats per image)")
    save_image_grid(settings.out / "reconstructions.png", np.stack(recon_rows),
                    title=f"held-out {split.name}: originals and decode(mu) by latent size",
                    row_labels=["original", *[f"d={e.latent_dim}" for e in sweep]])
    save_image_grid(settings.out / "samples.png", samples,
                    title=f"decode(z), z ~ N(0, I), latent {settings.latent}")
    pairs = {}
    if split.has_labels:
        labels = torch.from_numpy(split.test_labels)
        for same, name in ((True, "same_digit"), (False, "different_digits")):
            rows, chosen = interpolation_rows(main.model, test_rows, labels, same, generator)
            pairs[name] = chosen.tolist()
            file = f"interpolation_{name}.png"
            save_image_grid(settings.out / file, images(rows),
                            title=f"{name.replace('_', ' ')}: test image A, 7 decoded interpolates, test image B",
                            col_labels=interpolation_column_labels(rows.shape[1] - 2),
                            row_labels=[f"{split.test_labels[i]}→{split.test_labels[j]}" for i, j in pairs[name]])
            figures.append(file)
    return {"config": asdict(config), "sweep": [{"latent_dim": e.latent_dim, **e.metrics, **e.codes.as_dict()}
                                                for e in sweep],
            "interpolation_pairs": pairs, "figures": figures}


RUNNERS: dict[str, Callable[[RunSettings, StepBar], dict]] = {
    "autoencoder": run_autoencoder,
    "dae": run_dae,
    "vae": run_vae,
    "toy-gan": gan_runners.run_toy_gan,
    "dcgan": gan_runners.run_dcgan,
    "cgan": gan_runners.run_cgan,
    "mode-collapse": gan_runners.run_mode_collapse,
    "ddpm": generative_runners.run_ddpm,
    "cyclegan": generative_runners.run_cyclegan,
    "latent-arithmetic": generative_runners.run_latent_arithmetic,
}

TrainableModel = Enum("TrainableModel", {name: name for name in RUNNERS}, type=str)


def train_model(model: str, settings: RunSettings, *, show_progress: bool = True) -> dict:
    """Run ``model``'s runner, write ``settings.out/metrics.json``, and return what it holds."""
    if model not in RUNNERS:
        raise ValueError(f"unknown model {model!r}; expected one of {', '.join(RUNNERS)}")
    if model in MAKES_ITS_OWN_DATA and settings.data not in (None, MODEL_DATA[model]):
        raise ValueError(f"{model} draws its own points ({MODEL_DATA[model]}); it takes no --data")
    if settings.data is None:
        settings = replace(settings, data=MODEL_DATA.get(model, DEFAULT_DATA))
    settings.out.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("loss {task.fields[loss]:.4g}"), TimeElapsedColumn())
    with Progress(*columns, console=err, disable=not show_progress) as progress:
        result = RUNNERS[model](settings, StepBar(progress))
    import torch

    from gradekit.models.training import pick_device

    metrics = {"model": model, "data": settings.data, "seed": settings.seed,
               "device": str(pick_device(settings.device)), "torch_threads": torch.get_num_threads(),
               "seconds": round(time.monotonic() - started, 2), **result}
    (settings.out / "metrics.json").write_text(json.dumps(metrics, indent=2, default=str) + "\n")
    return metrics


def summary_table(metrics: dict) -> Table:
    """The headline numbers of a run: one row per model trained (per latent size for the VAE)."""
    rows = ({f"d={entry['latent_dim']}": entry for entry in metrics["sweep"]} if "sweep" in metrics
            else {name: value for name, value in metrics["metrics"].items() if isinstance(value, dict)}
            or {metrics["model"]: metrics["metrics"]})
    columns = [key for key, value in next(iter(rows.values())).items() if isinstance(value, (int, float))]
    table = Table(title=f"{metrics['model']} on {metrics['data']}", title_justify="left")
    for column in ["", *columns]:
        table.add_column(column.replace("_", " "), justify="right")
    for name, values in rows.items():
        table.add_row(name, *(f"{values[column]:.4g}" for column in columns))
    return table


def train(
    model: Annotated[TrainableModel, typer.Argument(help="Which reference model to train.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for metrics.json and the PNG figures.")],
    device: Annotated[str, typer.Option(help="auto (CUDA when present), cpu or cuda.")] = "auto",
    steps: Annotated[Optional[int], typer.Option(help="Training steps per model (default: a CPU-sized run).")] = None,
    epochs: Annotated[Optional[float], typer.Option(help="Passes over the training set; overrides --steps.")] = None,
    data: Annotated[Optional[str], typer.Option(
        help="digits, digits:SIDE (upscaled), mnist:DIR or folder:DIR (default: digits; digits:16 for dae); "
             "cyclegan: digits (white vs red) or folders:DIR_A,DIR_B; dcgan: faces[:COUNT] or folder:DIR; "
             "latent-arithmetic: squares[:COUNT].")] = None,
    seed: Annotated[int, typer.Option(help="Seeds the split, the initialisation and the batches.")] = 0,
    latent: Annotated[int, typer.Option(help="VAE: the latent size drawn in samples and interpolations.")] = 8,
    patch: Annotated[Optional[int], typer.Option(
        help="DAE: side of the noisy patch (default: 8 on 28x28 and larger, else a quarter of the side).")] = None,
    threads: Annotated[int, typer.Option(help="CPU threads for torch (small models run best on one).")] = 1,
    course: CourseOption = None,
) -> None:
    """Train a reference model (autoencoders, VAE, GANs, CycleGAN, DDPM): metrics.json and figures in --out."""
    from gradekit.course import CourseError, resolve_course, use_references
    from gradekit.data import DataError

    try:  # the models are built from the course's references (gradekit.calc)
        use_references(resolve_course(course).references_dir)
    except CourseError as error:
        fail(str(error))

    settings = RunSettings(out=out, device=device, data=data, seed=seed, steps=steps, epochs=epochs,
                           latent=latent, patch=patch, threads=threads)
    try:
        metrics = train_model(model.value, settings, show_progress=err.is_terminal)
    except (DataError, ValueError) as error:
        err.print(f"[red]error:[/] {error}")
        raise typer.Exit(2) from None
    err.print(summary_table(metrics))
    err.print(f"wrote {out / 'metrics.json'} and {', '.join(metrics['figures'])} in {metrics['seconds']:g} s")


def register(app: typer.Typer) -> None:
    app.command("train")(train)
