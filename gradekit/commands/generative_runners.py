"""The DDPM, CycleGAN and latent-arithmetic runners of ``gradekit train``.

Each ``run_<model>(settings, bar) -> result`` trains with the library's loops
(``gradekit.models.diffusion``, ``.cyclegan``, ``.latent_arithmetic``),
evaluates, and writes its PNG figures into ``settings.out``;
``gradekit.commands.train`` registers them and writes ``metrics.json``.
Defaults are CPU-sized; on CUDA they train ten times longer.
"""

from __future__ import annotations

import time
from dataclasses import asdict, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the command module imports this one; annotations only
    from gradekit.commands.train import RunSettings, StepBar

SHOWN = 10  # images per row of the figures
DDPM_STEPS = {"cpu": 2000, "cuda": 20000}
DDPM_FID_SAMPLES = 500  # as many as the grader draws
DDPM_FULL_CHAIN_SAMPLES = {"cpu": 200, "cuda": 500}  # 1000 network calls per batch: fewer on a CPU
CYCLEGAN_STEPS = {"cpu": 400, "cuda": 4000}
ARITHMETIC_STEPS = {"cpu": 800, "cuda": 8000}
ARITHMETIC_SHOWN = 8  # queries in the arithmetic figure


def _device(settings: RunSettings):
    import torch

    from gradekit.models.training import pick_device

    torch.set_num_threads(settings.threads)
    return pick_device(settings.device)


def run_ddpm(settings: RunSettings, bar: StepBar) -> dict:
    """DDPM on digits: the loss curves, the 10-step reverse process, samples with 10 and with 1000 steps, FIDs."""
    import numpy as np
    import torch

    from gradekit.data import load_data
    from gradekit.figures import save_image_grid, save_loss_curves
    from gradekit.models.diffusion import ASSIGNMENT_STEPS, DDPMConfig, draw_samples, reverse_process, train_ddpm
    from gradekit.models.signed_images import to_signed, to_unit

    device = _device(settings)
    split = load_data(settings.data, seed=settings.seed)
    train, test = (to_signed(images).to(device) for images in (split.train_images, split.test_images))
    if train.shape[-1] % 2 or train.shape[-2] % 2:
        raise ValueError(f"the U-Net halves the image once: its sides must be even, not {tuple(train.shape[-2:])}")
    defaults = DDPMConfig().train
    steps = settings.steps_for(len(train), defaults.batch_size, DDPM_STEPS[device.type])
    config = DDPMConfig(train=replace(defaults, steps=steps, eval_every=max(1, steps // 40), seed=settings.seed))
    trained = train_ddpm(train, test, config, on_step=bar.track("DDPM", steps))
    shape = tuple(train.shape[1:])
    generator = torch.Generator().manual_seed(settings.seed)
    states, taus = reverse_process(trained.model, config, SHOWN, shape, ASSIGNMENT_STEPS, generator)
    samples, metrics = {}, {}  # metrics: a row per sampler, for the summary table, and the losses
    for chain, count in ((ASSIGNMENT_STEPS, DDPM_FID_SAMPLES), (config.T, DDPM_FULL_CHAIN_SAMPLES[device.type])):
        started = time.monotonic()
        samples[chain] = to_unit(draw_samples(trained.model, config, count, shape, chain, generator))
        metrics[f"{chain} steps"] = {"samples": count, "sampling_seconds": round(time.monotonic() - started, 2)}
    if split.has_labels and len(split.image_shape) == 2:  # digits: the digit network's features apply
        from gradekit.metrics.image_fid import feature_extractor, image_fid

        extract = feature_extractor("digits")
        for chain, images in samples.items():
            metrics[f"{chain} steps"]["fid"] = image_fid(images, split.test_images, extract)
        metrics["fid_training_digits"] = image_fid(split.train_images[:DDPM_FID_SAMPLES], split.test_images, extract)
    history = trained.history
    metrics.update(final_train_loss=float(np.mean(history.train[-50:])), final_test_loss=history.test[-1])
    figures = ["loss_curves.png", "reverse_process.png", f"samples_{ASSIGNMENT_STEPS}_steps.png",
               f"samples_{config.T}_steps.png"]
    save_loss_curves(settings.out / figures[0], {"DDPM": history}, title=f"DDPM on {split.name}",
                     ylabel="mean squared error of the predicted noise", log_scale=True)
    process = to_unit(states.flatten(0, 1)).reshape(SHOWN, len(taus), *samples[ASSIGNMENT_STEPS].shape[1:])
    save_image_grid(settings.out / figures[1], process,
                    title=f"the reverse process, {ASSIGNMENT_STEPS} steps: x_T, then x after denoising at step τ",
                    col_labels=["x_T", *[f"τ={tau}" for tau in taus[1:]]])
    for chain, name in zip(samples, figures[2:]):
        grid = samples[chain][:64]
        save_image_grid(settings.out / name, grid.reshape(8, len(grid) // 8, *grid.shape[1:]),
                        title=f"samples, {chain} sampling steps")
    return {"config": asdict(config), "metrics": metrics, "reverse_steps": taus, "figures": figures}


def run_cyclegan(settings: RunSettings, bar: StepBar) -> dict:
    """CycleGAN between white and red digits (or two PNG folders): translations and cycles both ways."""
    import numpy as np

    from gradekit.data.domains import load_domains
    from gradekit.figures import save_image_grid, save_loss_curves
    from gradekit.models.cyclegan import CycleGANConfig, evaluate_translations, train_cyclegan, translate
    from gradekit.models.signed_images import to_signed, to_unit

    device = _device(settings)
    pair = load_domains(settings.data, seed=settings.seed)
    train_a, train_b = to_signed(pair.train_a).to(device), to_signed(pair.train_b).to(device)
    defaults = CycleGANConfig()
    steps = settings.steps_for(min(len(train_a), len(train_b)), defaults.batch_size, CYCLEGAN_STEPS[device.type])
    config = replace(defaults, steps=steps, seed=settings.seed)
    nets, history = train_cyclegan(train_a, train_b, config, on_step=bar.track("CycleGAN", steps))
    translations = translate(nets, to_signed(pair.test_a).to(device), to_signed(pair.test_b).to(device))
    metrics = evaluate_translations(translations, pair)
    shown = {name: to_unit(batch[:SHOWN]) for name, batch in translations.items()}
    rows = [pair.test_a[:SHOWN], shown["a_to_b"], shown["a_cycled"], pair.test_b[:SHOWN], shown["b_to_a"],
            shown["b_cycled"]]
    figures = ["loss_curves.png", "translations.png"]
    save_loss_curves(settings.out / figures[0], history.as_histories(), title=f"CycleGAN on {pair.name}",
                     ylabel="loss")
    save_image_grid(settings.out / figures[1], np.stack(rows), title=f"held-out images of {pair.name}",
                    row_labels=["A", "G_AB(A)", "G_BA(G_AB(A))", "B", "G_BA(B)", "G_AB(G_BA(B))"])
    return {"config": asdict(config), "domains": pair.name, "metrics": metrics, "figures": figures}


def _squares(settings: RunSettings) -> int:
    """How many training squares: ``squares[:COUNT]``; the command's generic default (digits) means squares."""
    spec = settings.data if settings.data not in (None, "digits") else "squares"
    kind, _, argument = spec.partition(":")
    if kind != "squares" or (argument and not argument.isdigit()):
        raise ValueError(f"latent-arithmetic trains on the attribute squares, squares[:COUNT], not {spec!r}")
    from gradekit.models.latent_arithmetic import LatentArithmeticConfig

    return int(argument) if argument else LatentArithmeticConfig().images


def run_latent_arithmetic(settings: RunSettings, bar: StepBar) -> dict:
    """A VAE on the attribute squares; a + b − c on its codes, read back, next to the same sums on the pixels."""
    import numpy as np
    import torch

    from gradekit.data.attributes import ATTRIBUTES, arithmetic_queries, attribute_set
    from gradekit.figures import save_image_grid, save_loss_curves
    from gradekit.models.latent_arithmetic import LatentArithmeticConfig, answer, pixel_answer, score
    from gradekit.models.vae import train_vae

    device = _device(settings)
    count = _squares(settings)
    defaults = LatentArithmeticConfig()
    steps = settings.steps_for(count, defaults.vae.train.batch_size, ARITHMETIC_STEPS[device.type])
    config = replace(defaults, images=count, vae=replace(defaults.vae, train=replace(
        defaults.vae.train, steps=steps, eval_every=max(1, steps // 40), seed=settings.seed)))
    train = torch.from_numpy(attribute_set(count, seed=settings.seed).flat()).to(device)
    test = torch.from_numpy(attribute_set(500, seed=settings.seed + 1).flat()).to(device)
    trained = train_vae(train, test, config.vae, on_step=bar.track("VAE on squares", steps))
    queries = arithmetic_queries(config.queries, config.exemplars, seed=settings.seed + 2)
    answers, pixels = answer(trained.model, queries), pixel_answer(queries)
    metrics = {"latent": score(answers, queries), "pixels": score(pixels, queries)}
    shown = slice(0, ARITHMETIC_SHOWN)
    columns = [queries.a[shown, 0], queries.a[shown, 1], queries.a[shown, 2], queries.c[shown, 0],
               queries.c[shown, 1], queries.c[shown, 2], queries.b[shown, 0], answers[shown], pixels[shown]]
    figures = ["loss_curves.png", "arithmetic.png"]
    save_loss_curves(settings.out / figures[0], {"VAE": trained.history}, title="VAE on the attribute squares",
                     ylabel="negative ELBO (nats per image)")
    save_image_grid(settings.out / figures[1], np.stack(columns, axis=1),
                    title=f"mean code of {config.exemplars} a's − of {config.exemplars} c's + b (3 of each shown)",
                    col_labels=["a", "a", "a", "c", "c", "c", "b", "a+b−c", "pixels"],
                    row_labels=[f"+ {ATTRIBUTES[j]}" for j in queries.attribute[shown]])
    return {"config": asdict(config), "data": f"squares:{count}", "metrics": metrics, "figures": figures}
