"""``gradekit train MODEL``: train a reference model, write ``metrics.json`` and PNG figures.

Typer wiring only: the run itself (data, training, evaluation, figures) is
``gradekit.runs``. The small defaults train on 8x8 digits on a CPU in well
under a minute each; ``--data mnist:DIR --epochs 20`` is the full-size run for
a GPU (``--device auto`` takes CUDA when present).
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console

from gradekit.commands.common import CourseOption, fail
from gradekit.runs.data_choice import DATA_OPTION_HELP, MODELS

err = Console(stderr=True)

TrainableModel = Enum("TrainableModel", {name: name for name in MODELS}, type=str)  # type: ignore[misc]


def train(
    model: Annotated[TrainableModel, typer.Argument(help="Which reference model to train.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for metrics.json and the PNG figures.")],
    device: Annotated[str, typer.Option(help="auto (CUDA when present), cpu or cuda.")] = "auto",
    steps: Annotated[Optional[int], typer.Option(help="Training steps per model (default: a CPU-sized run).")] = None,
    epochs: Annotated[Optional[float], typer.Option(help="Passes over the training set; overrides --steps.")] = None,
    data: Annotated[Optional[str], typer.Option(help=DATA_OPTION_HELP)] = None,
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

    from gradekit.runs.registry import train_model
    from gradekit.runs.settings import RunSettings
    from gradekit.runs.summary import summary_table

    settings = RunSettings(out=out, device=device, data=data, seed=seed, steps=steps, epochs=epochs,
                           latent=latent, patch=patch, threads=threads)
    try:
        metrics = train_model(model.value, settings, show_progress=err.is_terminal, console=err)
    except (DataError, ValueError) as error:
        fail(str(error))
    err.print(summary_table(metrics))
    err.print(f"wrote {out / 'metrics.json'} and {', '.join(metrics['figures'])} in {metrics['seconds']:g} s")


def register(app: typer.Typer) -> None:
    app.command("train")(train)
