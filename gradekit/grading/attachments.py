"""What a check keeps with its result besides its verdict: figures, and the metrics it measured.

A model problem's metric check already holds the student's samples or
reconstructions on the trusted side (the harness sent them for the metric).
``attach_figure`` keeps a picture of them with the check's result, passed or
failed, so the feedback can show it:

    metrics = measure(student)
    attach_figure(lambda: reconstructions_figure(student))   # a figure is never a verdict
    return PROBLEM.threshold("mse").judge(...)

Given a function, ``attach_figure`` calls it and drops the figure if it
fails (a student's model that cannot be drawn loses nothing more for it).
The runner collects what each check attached (``collecting``);
``grade-all`` writes them as PNG files beside the student's JSON report,
in ``<student>.figures/<problem>/<check>-<figure>.png``, and the report's
check names them (``figures``: name, caption, file).

A metric check's measured value (``Threshold.judge`` records it) is kept the
same way (``record_measurement``), so a leaderboard can rank it without
reading it back out of a sentence.
"""

from __future__ import annotations

import contextlib
import io
import math
import os
import re
from collections.abc import Callable, Iterator, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path

FIGURES_SUFFIX = ".figures"  # OUT/<student>.figures/ beside OUT/<student>.json
FIGURE_NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")  # part of a file name: no path, no surprises
MAX_FIGURE_BYTES = 2 * 2**20  # a report's figures stay small: they travel in feedback pages
TILE_PIXELS = 48  # each image of a grid is drawn this many pixels wide (nearest neighbour: no blur)


@dataclass(frozen=True)
class Figure:
    """A PNG image and what it shows. ``caption`` is the problem author's text, not the student's."""

    name: str  # a short slug, unique within its check: "reconstructions"
    caption: str
    png: bytes

    def __post_init__(self) -> None:
        if not FIGURE_NAME.fullmatch(self.name):
            raise ValueError(f"a figure's name is a short slug of a-z, 0-9 and '-', not {self.name!r}")
        if not self.png.startswith(b"\x89PNG\r\n\x1a\n"):
            raise ValueError(f"figure {self.name!r} is not a PNG image")
        if len(self.png) > MAX_FIGURE_BYTES:
            raise ValueError(f"figure {self.name!r} is {len(self.png)} bytes, over {MAX_FIGURE_BYTES}")


@dataclass(frozen=True)
class Measurement:
    """A metric a check measured: ``Measurement("fid", 935.7, "max")``, where "max" means at most a limit
    (lower is better) and "min" at least one (higher is better)."""

    name: str
    value: float
    direction: str


@dataclass
class Collected:
    """What one check attached, while it ran."""

    figures: list[Figure] = field(default_factory=list)
    measurements: list[Measurement] = field(default_factory=list)


_collected: ContextVar[Collected | None] = ContextVar("gradekit_attachments", default=None)


def attach_figure(figure: Figure | Callable[[], Figure]) -> None:
    """Keep ``figure`` with the result of the check running now (a function: its figure, if it makes one).

    Outside a check (a reference run, a design run) it does nothing.
    """
    collected = _collected.get()
    if collected is None:
        return
    if callable(figure):
        try:
            figure = figure()
        except Exception:  # noqa: BLE001  (a figure is a courtesy: the verdict was made without it)
            return
    figures = collected.figures  # a property's examples draw again: the last one stays
    figures[:] = [f for f in figures if f.name != figure.name] + [figure]


def record_measurement(name: str, value: float, direction: str) -> None:
    """Keep a metric's measured value with the check running now (finite values only; none outside a check)."""
    collected = _collected.get()
    if collected is None or not math.isfinite(value):
        return
    measured = collected.measurements
    measured[:] = [m for m in measured if m.name != name] + [Measurement(name, float(value), direction)]


@contextlib.contextmanager
def collecting() -> Iterator[Collected]:
    """What is attached while the block runs (by one check)."""
    collected = Collected()
    token = _collected.set(collected)
    try:
        yield collected
    finally:
        _collected.reset(token)


# ---------------------------------------------------------------- making a figure


def image_rows(name: str, caption: str, rows: Sequence, *, side: int | None = None) -> Figure:
    """A grid of grey images in [0, 1], one row per entry of ``rows`` (each (n, H, W), or (n, H*W) with ``side``).

    Rows may hold different numbers of images; the grid is as wide as the longest.
    """
    import numpy as np
    from PIL import Image

    from gradekit.figures import mosaic

    shaped = [_images(np.asarray(row, dtype=np.float32), side) for row in rows]
    height, width = shaped[0].shape[1:3]
    columns = max(len(row) for row in shaped)
    grid = np.ones((len(shaped), columns, height, width), np.float32)
    for r, row in enumerate(shaped):
        grid[r, :len(row)] = np.nan_to_num(row, nan=1.0)
    pixels = (mosaic(grid) * 255).round().astype(np.uint8)
    scale = max(1, TILE_PIXELS // max(height, width))
    image = Image.fromarray(pixels, mode="L").resize((pixels.shape[1] * scale, pixels.shape[0] * scale),
                                                     Image.Resampling.NEAREST)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return Figure(name, caption, buffer.getvalue())


def _images(row, side: int | None):
    if row.ndim == 2 and side:
        row = row.reshape(len(row), side, -1)
    if row.ndim != 3:
        raise ValueError(f"a row of images is (n, H, W), or (n, H*W) with side=H; got shape {row.shape}")
    return row


# ---------------------------------------------------------------- on disk, beside the report


def figure_file(problem_id: str, check_name: str, figure_name: str) -> str:
    """Where a figure lies inside its student's figures folder (what the report's ``file`` says)."""
    return f"{problem_id}/{check_name}-{figure_name}.png"


def figure_files(report) -> tuple[tuple[str, bytes], ...]:
    """Every figure of a ``SubmissionReport`` as (file inside the figures folder, PNG bytes)."""
    return tuple((figure_file(problem.id, check.name, figure.name), figure.png)
                 for problem in report.problems for check in problem.checks for figure in check.figures)


def figures_folder(out: Path, student: str) -> Path:
    return Path(out) / f"{student}{FIGURES_SUFFIX}"


def write_figures(out: Path, student: str, files: Sequence[tuple[str, bytes]]) -> None:
    """Replace the student's figures folder with ``files`` (none: the folder goes).

    Each PNG is written whole (a temporary file, then a rename); the report,
    written after them, is what says a grading is complete. ``OSError`` is
    raised as ``OutputError``.
    """
    from gradekit.grading.output import OutputError

    folder = figures_folder(out, student)
    wanted = {(folder / name).resolve() for name, _ in files}
    try:
        if folder.is_symlink():
            folder.unlink()
        if folder.is_dir():
            for old in sorted(folder.rglob("*"), reverse=True):
                if old.is_file() and old.resolve() not in wanted or old.is_symlink():
                    old.unlink()
                elif old.is_dir() and not any(old.iterdir()):
                    old.rmdir()
            if not files and not any(folder.iterdir()):
                folder.rmdir()
        for name, png in files:
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_name(f".{path.name}.partial-{os.getpid()}")
            temporary.unlink(missing_ok=True)  # a killed run's, or a planted link: never written through
            with open(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644), "wb") as file:
                file.write(png)
            os.replace(temporary, path)
    except OSError as error:
        raise OutputError(f"cannot write the figures of {student} in {folder}: {error.strerror or error}") from error
