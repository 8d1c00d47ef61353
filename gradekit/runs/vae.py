"""``gradekit train vae`` and ``latent-arithmetic``: the latent-size sweep, and a + b − c on a VAE's codes."""

from __future__ import annotations

from dataclasses import asdict, replace

import numpy as np
import torch

from gradekit.data.attributes import ATTRIBUTES, arithmetic_queries, attribute_set
from gradekit.figures import interpolation_column_labels, save_image_grid, save_loss_curves
from gradekit.models.latent_arithmetic import LatentArithmeticConfig, answer, pixel_answer, score
from gradekit.models.training import TrainConfig
from gradekit.models.vae import (
    LATENT_SIZES,
    VAEConfig,
    decode_means,
    interpolation_rows,
    latent_sweep,
    prior_samples,
    train_vae,
)
from gradekit.runs.autoencoders import load_images, showcase
from gradekit.runs.settings import Result, Run

VAE_STEPS = 1500
ARITHMETIC_STEPS = {"cpu": 800, "cuda": 8000}
ARITHMETIC_SHOWN = 8  # queries in the arithmetic figure
ARITHMETIC_TEST_SQUARES = 500
ELBO_LABEL = "negative ELBO (nats per image)"


def run_vae(run: Run) -> Result:
    """The latent-size sweep, then samples and interpolations from the VAE of size ``--latent``."""
    split, train, test = load_images(run)
    latent = run.settings.latent
    shape = split.image_shape
    train_rows, test_rows = train.flatten(1), test.flatten(1)
    config = VAEConfig(latent_dim=latent, train=run.settings.loop_config(TrainConfig(), len(train), VAE_STEPS))
    sizes = sorted(set(LATENT_SIZES) | {latent})
    callbacks = {size: run.track(f"VAE, latent {size}", config.train.steps) for size in sizes}
    sweep = latent_sweep(train_rows, test_rows, config, sizes,
                         on_step=lambda size, step, loss: callbacks[size](step, loss))
    main = next(entry for entry in sweep if entry.latent_dim == latent).trained

    def images(rows: torch.Tensor) -> np.ndarray:
        return rows.detach().cpu().numpy().reshape(*rows.shape[:-1], *shape)

    shown = showcase(split)
    recon_rows = [split.test_images[shown], *(images(decode_means(e.trained.model, test_rows[shown])) for e in sweep)]
    generator = torch.Generator().manual_seed(run.seed)
    samples = images(prior_samples(main.model, 64, generator)).reshape(8, 8, *shape)
    figures = ["loss_curves.png", "sweep_loss_curves.png", "reconstructions.png", "samples.png"]
    save_loss_curves(run.out / "loss_curves.png", {f"latent {latent}": main.history},
                     title=f"VAE on {split.name}", ylabel=ELBO_LABEL)
    save_loss_curves(run.out / "sweep_loss_curves.png", {f"d={e.latent_dim}": e.trained.history for e in sweep},
                     title=f"VAE latent sizes on {split.name}", ylabel=ELBO_LABEL)
    save_image_grid(run.out / "reconstructions.png", np.stack(recon_rows),
                    title=f"held-out {split.name}: originals and decode(mu) by latent size",
                    row_labels=["original", *[f"d={e.latent_dim}" for e in sweep]])
    save_image_grid(run.out / "samples.png", samples, title=f"decode(z), z ~ N(0, I), latent {latent}")
    pairs = {}
    if split.test_labels is not None:
        labels = torch.from_numpy(split.test_labels)
        for same, name in ((True, "same_digit"), (False, "different_digits")):
            rows, chosen = interpolation_rows(main.model, test_rows, labels, same, generator)
            pairs[name] = chosen.tolist()
            file = f"interpolation_{name}.png"
            save_image_grid(run.out / file, images(rows),
                            title=f"{name.replace('_', ' ')}: test image A, 7 decoded interpolates, test image B",
                            col_labels=interpolation_column_labels(rows.shape[1] - 2),
                            row_labels=[f"{split.test_labels[i]}→{split.test_labels[j]}" for i, j in pairs[name]])
            figures.append(file)
    return {"config": asdict(config), "sweep": [{"latent_dim": e.latent_dim, **e.metrics, **e.codes.as_dict()}
                                                for e in sweep],
            "interpolation_pairs": pairs, "figures": figures}


def run_latent_arithmetic(run: Run) -> Result:
    """A VAE on the attribute squares; a + b − c on its codes, read back, next to the same sums on the pixels."""
    defaults = LatentArithmeticConfig()
    count = run.image_data.number(default=defaults.images)
    steps = run.settings.steps_for(count, defaults.vae.train.batch_size, ARITHMETIC_STEPS[run.device.type])
    config = replace(defaults, images=count, vae=replace(
        defaults.vae, train=run.settings.loop_config(defaults.vae.train, count, steps)))
    train = torch.from_numpy(attribute_set(count, seed=run.seed).flat()).to(run.device)
    test = torch.from_numpy(attribute_set(ARITHMETIC_TEST_SQUARES, seed=run.seed + 1).flat()).to(run.device)
    trained = train_vae(train, test, config.vae, on_step=run.track("VAE on squares", steps))
    queries = arithmetic_queries(config.queries, config.exemplars, seed=run.seed + 2)
    answers, pixels = answer(trained.model, queries), pixel_answer(queries)
    metrics = {"latent": score(answers, queries), "pixels": score(pixels, queries)}
    shown = slice(0, ARITHMETIC_SHOWN)
    columns = [queries.a[shown, 0], queries.a[shown, 1], queries.a[shown, 2], queries.c[shown, 0],
               queries.c[shown, 1], queries.c[shown, 2], queries.b[shown, 0], answers[shown], pixels[shown]]
    figures = ["loss_curves.png", "arithmetic.png"]
    save_loss_curves(run.out / figures[0], {"VAE": trained.history}, title="VAE on the attribute squares",
                     ylabel=ELBO_LABEL)
    save_image_grid(run.out / figures[1], np.stack(columns, axis=1),
                    title=f"mean code of {config.exemplars} a's − of {config.exemplars} c's + b (3 of each shown)",
                    col_labels=["a", "a", "a", "c", "c", "c", "b", "a+b−c", "pixels"],
                    row_labels=[f"+ {ATTRIBUTES[j]}" for j in queries.attribute[shown]])
    return {"config": asdict(config), "data": f"squares:{count}", "metrics": metrics, "figures": figures}
