"""Which data each model of ``gradekit train`` takes: its default, and the ``--data`` kinds it accepts.

Light on purpose (no torch, no data loaded): the command builds its list of
models from ``MODELS`` when ``gradekit --help`` runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gradekit.data.spec import DataSpec

IMAGES = ("digits", "mnist", "folder")  # one set of images, split into train and test


@dataclass(frozen=True)
class DataChoice:
    """A model's data: ``default`` names it in metrics.json; ``kinds`` are the ``--data`` kinds it trains on."""

    default: str
    kinds: tuple[str, ...]  # (): the model draws its own points and takes no --data
    only_default: bool = False  # the model's shape fixes its data: it takes its default only

    @property
    def draws_its_own(self) -> bool:
        return not self.kinds


MODELS: dict[str, DataChoice] = {
    "autoencoder": DataChoice("digits", IMAGES),
    # the DAE's grading setting: on 8x8 digits a patch hides too much to restore
    "dae": DataChoice("digits:16", IMAGES),
    "vae": DataChoice("digits", IMAGES),
    "toy-gan": DataChoice("quadratic curve", ()),
    "dcgan": DataChoice("faces", ("faces", "folder")),  # 32x32 colour: the digits cannot feed it
    "cgan": DataChoice("digits", ("digits",), only_default=True),  # its generator draws 8x8 digits
    "mode-collapse": DataChoice("ring of 8 Gaussians", ()),
    "ddpm": DataChoice("digits", IMAGES),
    "cyclegan": DataChoice("digits", ("digits", "folders")),  # white vs red digits, or two folders
    "latent-arithmetic": DataChoice("squares", ("squares",)),
}

DATA_OPTION_HELP = ("digits, digits:SIDE (upscaled), mnist:DIR or folder:DIR (default: digits; digits:16 for dae); "
                    "cyclegan: digits (white vs red) or folders:DIR_A,DIR_B; dcgan: faces[:COUNT] or folder:DIR; "
                    "latent-arithmetic: squares[:COUNT]; cgan: digits; toy-gan, mode-collapse: none.")


def choose_data(model: str, data: str | None) -> DataSpec | None:
    """``--data`` checked against what ``model`` takes (its default when ``None``); ``None`` for a model
    that draws its own points. A ``ValueError`` says what the model takes instead."""
    from gradekit.data.spec import data_help, parse_data

    if model not in MODELS:
        raise ValueError(f"unknown model {model!r}; expected one of {', '.join(MODELS)}")
    choice = MODELS[model]
    if choice.draws_its_own:
        if data not in (None, choice.default):
            raise ValueError(f"{model} draws its own points ({choice.default}); it takes no --data")
        return None
    try:
        spec = parse_data(choice.default if data is None else data, choice.kinds)
    except ValueError as error:
        raise ValueError(f"{model} trains on {data_help(choice.kinds)}: {error}") from None
    if choice.only_default and str(spec) != choice.default:
        raise ValueError(f"{model} trains on {choice.default} only, not {data!r}")
    return spec
