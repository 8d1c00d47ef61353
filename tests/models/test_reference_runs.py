"""Model problems: every recorded reference run clears every threshold in problem.toml."""

import json
from pathlib import Path

import pytest

from gradekit.grading.problem import load_problem

REPO = Path(__file__).resolve().parents[2]
RECORDED = sorted(REPO.glob("problems/*/reference_runs.json"))


def test_model_problems_record_their_reference_runs():
    assert {path.parent.name for path in RECORDED} >= {"autoencoder", "denoising-autoencoder", "vae"}


@pytest.mark.parametrize("record", RECORDED, ids=lambda path: path.parent.name)
def test_every_reference_run_clears_every_threshold(record):
    runs = json.loads(record.read_text())["runs"]
    thresholds = load_problem(record.parent).thresholds
    assert thresholds, "a problem with reference runs thresholds its metrics in [metrics]"
    assert len(runs) >= 3, "thresholds rest on several training seeds"
    for threshold in thresholds.values():
        measured = [run[threshold.name] for run in runs]
        worst = max(measured) if threshold.direction == "max" else min(measured)
        assert threshold.passes(worst) and worst != threshold.limit, f"{threshold.key}: {measured} vs {threshold.limit}"
