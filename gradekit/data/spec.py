"""The ``--data`` option: one string names a data set, ``KIND`` or ``KIND:ARGUMENT``; parsed here only.

``parse_data`` checks the kind and its argument (an integer side or count, a
folder, two folders) and returns a ``DataSpec``; each loader and each model
says which kinds it takes (``accepted``), so a mistake is refused, with what
would have been accepted, before anything loads or trains.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from gradekit.data.digits import load_digits_split
from gradekit.data.folder import load_image_folder
from gradekit.data.images import ImageSplit
from gradekit.data.mnist import load_mnist


@dataclass(frozen=True)
class DataKind:
    """One kind of ``--data``: what its argument is (``None``: it takes none) and what it loads."""

    argument: str | None  # "SIDE" or "COUNT" (a positive integer), "DIR", "DIR_A,DIR_B"
    required: bool  # False: the argument may be left out, and the loader's default applies
    help: str


KINDS = {
    "digits": DataKind("SIDE", False, "digits (bundled 8x8), digits:28 or digits:32 (upscaled)"),
    "mnist": DataKind("DIR", True, "mnist:DIR (the four IDX files)"),
    "folder": DataKind("DIR", True, "folder:DIR (PNG images)"),
    "folders": DataKind("DIR_A,DIR_B", True, "folders:DIR_A,DIR_B (two PNG folders, one per domain)"),
    "faces": DataKind("COUNT", False, "faces or faces:COUNT (synthetic 32x32 faces)"),
    "squares": DataKind("COUNT", False, "squares or squares:COUNT (the attribute squares)"),
}
IMAGE_KINDS = ("digits", "mnist", "folder")  # what ``load_data`` reads: one set of images, split


@dataclass(frozen=True)
class DataSpec:
    """A checked ``--data`` value: its kind and the text after the colon ('' when there is none)."""

    kind: str
    argument: str = ""

    def __str__(self) -> str:
        return f"{self.kind}:{self.argument}" if self.argument else self.kind

    def number(self, default: int) -> int:
        """The side or count the argument gives, else ``default``."""
        return int(self.argument) if self.argument else default

    @property
    def folders(self) -> list[Path]:
        """The folder (``DIR``) or folders (``DIR_A,DIR_B``) the argument names."""
        return [Path(part) for part in self.argument.split(",") if part]


def data_help(kinds: Iterable[str] = IMAGE_KINDS) -> str:
    """The accepted kinds, as the command's help and its error messages name them."""
    return ", ".join(KINDS[kind].help for kind in kinds)


DATA_HELP = data_help()


def parse_data(text: str | DataSpec, accepted: Iterable[str] = IMAGE_KINDS) -> DataSpec:
    """``text`` as a ``DataSpec`` of one of the ``accepted`` kinds, or a ``ValueError`` saying what is wrong."""
    accepted = tuple(accepted)
    if isinstance(text, DataSpec):
        text = str(text)
    kind, colon, argument = text.partition(":")
    if kind not in accepted or kind not in KINDS:
        raise ValueError(f"unknown data {text!r}; expected one of: {data_help(accepted)}")
    expected = KINDS[kind]
    if colon and not argument or not argument and expected.required:
        raise ValueError(f"{kind} needs {expected.argument}: --data {kind}:{expected.argument}")
    if argument and expected.argument is None:
        raise ValueError(f"{kind} takes no argument, not {argument!r}")
    if argument and expected.argument in ("SIDE", "COUNT") and not (argument.isdigit() and int(argument) > 0):
        raise ValueError(f"{kind}:{expected.argument} takes a positive integer, not {argument!r}")
    if expected.argument == "DIR_A,DIR_B" and len([part for part in argument.split(",") if part]) != 2:
        raise ValueError(f"folders:DIR_A,DIR_B names two folders, not {argument!r}")
    return DataSpec(kind, argument)


def load_data(spec: str | DataSpec, seed: int = 0) -> ImageSplit:
    """One set of images split into train and test: ``digits[:SIDE]``, ``mnist:DIR`` or ``folder:DIR``."""
    spec = parse_data(spec, IMAGE_KINDS)
    if spec.kind == "digits":
        return load_digits_split(seed=seed, side=spec.number(default=8))
    if spec.kind == "mnist":
        return load_mnist(spec.folders[0])
    return load_image_folder(spec.folders[0], seed=seed)
