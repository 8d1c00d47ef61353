"""The class report's figures as PNG data URIs: score histograms and the map of the checks.

Matplotlib's object API on the Agg canvas (no pyplot state, no display), so the
page carries its figures inside it and opens offline. Drawn at twice the
pixels they are shown at, so they stay sharp in print.
"""

from __future__ import annotations

import base64
import io
from typing import cast

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from gradekit.class_report.statistics import CheckStatistics, ScoreDistribution

DPI = 200
BAR = "#4c78a8"
MEAN = "#e45756"
MEDIAN = "#54a24b"
FLAGGED = "#e45756"
FINE = "#4c78a8"
INK = "#333333"


def _figure(width: float, height: float) -> Figure:
    figure = Figure(figsize=(width, height), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def data_uri(figure: Figure) -> str:
    """The figure as a ``data:image/png;base64,...`` URI (no timestamps: same figure, same bytes)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def histogram_figure(distribution: ScoreDistribution, *, width: float = 3.6, height: float = 1.9) -> Figure:
    """Students per score, with the mean and median marked."""
    figure = _figure(width, height)
    axes = figure.add_subplot()
    edges = np.asarray(distribution.histogram.edges)
    counts = np.asarray(distribution.histogram.counts)
    axes.bar((edges[:-1] + edges[1:]) / 2, counts, width=np.diff(edges) * 0.85, color=BAR, zorder=2)
    if distribution.mean is not None and distribution.median is not None:  # both, or neither (no students)
        axes.axvline(distribution.mean, color=MEAN, linewidth=1.4, zorder=3, label=f"mean {distribution.mean:.3g}")
        axes.axvline(distribution.median, color=MEDIAN, linewidth=1.4, linestyle="--", zorder=3,
                     label=f"median {distribution.median:.3g}")
        axes.legend(fontsize=7.5, frameon=False, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=2,
                    handlelength=1.6, borderaxespad=0.1)
    axes.set_xlim(edges[0], edges[-1])
    axes.set_ylim(0, max(1, counts.max(initial=0)) * 1.25)
    axes.set_xlabel(f"score (of {distribution.max_score:g})", fontsize=8, color=INK)
    axes.set_ylabel("students", fontsize=8, color=INK)
    # the default locators are MaxNLocators (AutoLocator), which take integer=; the Locator base does not
    cast(MaxNLocator, axes.yaxis.get_major_locator()).set_params(integer=True)
    cast(MaxNLocator, axes.xaxis.get_major_locator()).set_params(integer=True)
    axes.tick_params(labelsize=7.5, colors=INK, length=2)
    axes.grid(axis="y", color="#e5e5e5", linewidth=0.6, zorder=0)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    return figure


def check_map_figure(checks: list[CheckStatistics], *, width: float = 5.0, height: float = 2.8) -> Figure:
    """Every check as a point: pass rate across, discrimination up; flagged checks in red, named."""
    figure = _figure(width, height)
    axes = figure.add_subplot()
    axes.axhline(0, color="#999999", linewidth=0.8, zorder=1)
    axes.axhspan(-1.05, 0, color="#fbe9e9", zorder=0)
    for check in checks:
        if check.pass_rate is None:  # no point to draw
            continue
        y = check.discrimination if check.discrimination is not None else 0.0
        marker = "o" if check.discrimination is not None else "x"  # x: undefined, drawn on the axis
        colour = FLAGGED if check.flags else FINE
        axes.scatter(check.pass_rate, y, s=18, marker=marker, color=colour, zorder=3, linewidths=1.2)
        if check.flags:
            axes.annotate(f"{check.problem}: {check.name}", (check.pass_rate, y), fontsize=6.5, color=INK,
                          xytext=(4, 3), textcoords="offset points", zorder=4)
    axes.set_xlim(-0.05, 1.05)
    axes.set_ylim(-1.05, 1.05)
    axes.set_xlabel("pass rate", fontsize=8, color=INK)
    axes.set_ylabel("discrimination", fontsize=8, color=INK)
    axes.tick_params(labelsize=7.5, colors=INK, length=2)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    return figure
