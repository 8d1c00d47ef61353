"""The progress bars of a run: one rich bar per model trained, on stderr, fed by the loops' ``on_step``."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

OnStep = Callable[[int, float], None]  # (step, loss): what every training loop of gradekit.models calls
UPDATE_EVERY = 10  # steps between two redraws: drawing every step would cost more than a small model's step


class StepBar:
    """``track(name, total)`` adds a bar and gives the ``on_step`` callback that advances it."""

    def __init__(self, progress: Progress):
        self.progress = progress

    def track(self, name: str, total: int) -> OnStep:
        task = self.progress.add_task(name, total=total, loss=float("nan"))

        def on_step(step: int, loss: float) -> None:
            if step % UPDATE_EVERY == 0 or step == total:
                self.progress.update(task, completed=step, loss=loss)
        return on_step


@contextmanager
def step_bars(console: Console, *, show: bool = True) -> Iterator[StepBar]:
    """A ``StepBar`` drawing on ``console`` while the block runs (nothing drawn unless ``show``)."""
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("loss {task.fields[loss]:.4g}"), TimeElapsedColumn())
    with Progress(*columns, console=console, disable=not show) as progress:
        yield StepBar(progress)
