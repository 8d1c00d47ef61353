"""A figure to draw on: Matplotlib's object API on the Agg canvas, so no pyplot state and no display."""

from __future__ import annotations

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

DPI = 100


def new_figure(width: float, height: float) -> Figure:
    """An empty figure of ``width`` x ``height`` inches, laid out by Matplotlib's constrained layout."""
    figure = Figure(figsize=(width, height), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    return figure
