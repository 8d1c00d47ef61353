"""``gradekit fid DIR_A DIR_B``: the Fréchet distance between two folders of images."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer


def fid(
    dir_a: Annotated[Path, typer.Argument(help="A folder of PNG images.")],
    dir_b: Annotated[Path, typer.Argument(help="Another folder of PNG images.")],
    features: Annotated[str, typer.Option(
        "--features", help="'digits' (the shipped digit CNN), 'faces' (the shipped face CNN, 32x32 colour), "
                           "'inception', or a TorchScript file.")] = "digits",
    inception_weights: Annotated[Optional[Path], typer.Option(
        "--inception-weights", help="pt_inception-2015-12-05-6726825d.pth, for --features inception.")] = None,
    side: Annotated[Optional[int], typer.Option(
        "--side", help="Resize every image to SIDE x SIDE first (needed when sizes differ).")] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", help="Images per forward pass.")] = 100,
    device: Annotated[str, typer.Option("--device", help="auto, cpu or cuda.")] = "auto",
) -> None:
    """Compute FID between two image folders (features, then the exact Fréchet distance)."""
    from functools import partial

    from rich.console import Console
    from rich.progress import Progress

    from gradekit.data import DataError
    from gradekit.data.folder import read_png_folder
    from gradekit.metrics.frechet import feature_statistics, frechet_distance
    from gradekit.metrics.image_fid import channels_first, extract_features, feature_extractor
    from gradekit.runs.device import pick_device

    err = Console(stderr=True)
    grey = features == "digits"
    try:
        images = [channels_first(read_png_folder(folder, grey=grey, side=side)) for folder in (dir_a, dir_b)]
        chosen = pick_device(device)
        extract = feature_extractor(features, inception_weights=inception_weights, device=chosen)
    except (DataError, FileNotFoundError, ValueError) as error:
        err.print(f"[red]error:[/] {error}")
        raise typer.Exit(2) from None
    statistics = []
    with Progress(console=err, transient=True) as progress:
        for folder, batch in zip((dir_a, dir_b), images, strict=True):
            task = progress.add_task(f"features of {folder}", total=len(batch))
            rows = extract_features(batch, extract, batch_size=batch_size, device=chosen,
                                    on_batch=partial(progress.advance, task))
            statistics.append(feature_statistics(rows))
    distance = frechet_distance(*statistics[0], *statistics[1])
    err.print(f"{len(images[0])} vs {len(images[1])} images, {features} features")
    print(f"{distance:.6f}")


def register(app: typer.Typer) -> None:
    app.command("fid")(fid)
