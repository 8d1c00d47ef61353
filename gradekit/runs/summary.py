"""A run's headline numbers as a rich table, for ``gradekit train`` to print."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.table import Table


def summary_table(metrics: Mapping[str, Any]) -> Table:
    """One row per model trained (per latent size for the VAE), one column per number they share."""
    rows = ({f"d={entry['latent_dim']}": entry for entry in metrics["sweep"]} if "sweep" in metrics
            else {name: value for name, value in metrics["metrics"].items() if isinstance(value, dict)}
            or {metrics["model"]: metrics["metrics"]})
    columns = [key for key, value in next(iter(rows.values())).items() if isinstance(value, (int, float))]
    table = Table(title=f"{metrics['model']} on {metrics['data']}", title_justify="left")
    for column in ["", *columns]:
        table.add_column(column.replace("_", " "), justify="right")
    for name, values in rows.items():
        table.add_row(name, *(f"{values[column]:.4g}" for column in columns))
    return table
