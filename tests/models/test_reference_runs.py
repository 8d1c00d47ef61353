"""Model problems: every recorded reference run clears every threshold in problem.toml."""

import json
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
RECORDED = sorted(REPO.glob("problems/*/reference_runs.json"))


def thresholds(folder: Path) -> dict[str, tuple[str, float]]:
    """``<metric>_max`` and ``<metric>_min`` keys of [metrics]: metric -> (bound, value)."""
    table = tomllib.loads((folder / "problem.toml").read_text()).get("metrics", {})
    return {key.rsplit("_", 1)[0]: (key.rsplit("_", 1)[1], value) for key, value in table.items()}


def test_model_problems_record_their_reference_runs():
    assert {path.parent.name for path in RECORDED} >= {"autoencoder", "denoising-autoencoder", "vae"}


@pytest.mark.parametrize("record", RECORDED, ids=lambda path: path.parent.name)
def test_every_reference_run_clears_every_threshold(record):
    runs = json.loads(record.read_text())["runs"]
    bounds = thresholds(record.parent)
    assert bounds, "a problem with reference runs thresholds its metrics in [metrics]"
    assert len(runs) >= 3, "thresholds rest on several training seeds"
    for metric, (bound, value) in bounds.items():
        measured = [run[metric] for run in runs]
        worst = max(measured) if bound == "max" else min(measured)
        assert (worst < value) if bound == "max" else (worst > value), f"{metric}: {measured} vs {bound} {value}"
