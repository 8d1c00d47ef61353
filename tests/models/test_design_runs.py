"""Model problems' sound designs (decision 7): at least five per problem, each scoring full marks.

The recorded runs (``problems/<id>/design_runs.json``, written by
``python -m gradekit.models.design_runs <id>``) must clear every threshold
of ``problem.toml`` as it stands; one design per problem (the one whose
``design.toml`` says ``ci = true``, else the first) is graded again here.
The whole populations are graded again by
``python -m gradekit.models.design_runs --all --check``.
"""

import json
import math
from pathlib import Path

import pytest

from gradekit.grading.problem import Threshold, discover
from gradekit.grading.runner import grade_submission
from gradekit.models.design_runs import RUNS_FILE, designs, margin, unsound
from gradekit.tomlfile import read_toml

REPO = Path(__file__).resolve().parents[2]
WITH_DESIGNS = [p for p in discover(REPO / "problems") if designs(p)]
RECORDED = [p for p in WITH_DESIGNS if (p.folder / RUNS_FILE).is_file()]


def sample_design(problem):
    population = designs(problem)
    flagged = [d for d in population if read_toml(d.folder / "design.toml").get("ci")]
    return (flagged or population)[0]


def test_margins_are_relative_and_signed():
    assert margin(Threshold("fid", 400.0, "max"), 300.0) == pytest.approx(0.25)
    assert margin(Threshold("accuracy", 0.5, "min"), 0.4) == pytest.approx(-0.2)
    assert margin(Threshold("fid", 400.0, "max"), math.nan) == -math.inf


def test_a_population_with_a_failed_check_or_a_missed_threshold_is_unsound():
    runs = [{"design": "a", "failed": [], "metrics": {"fid": 300.0}, "margins": {"fid": 0.25}},
            {"design": "b", "failed": ["samples_look_like_digits"], "metrics": {"fid": 500.0},
             "margins": {"fid": -0.25}}]
    assert unsound(runs) == ["b failed samples_look_like_digits", "b: fid misses its threshold (500)"]


@pytest.mark.parametrize("problem", WITH_DESIGNS, ids=lambda p: p.id)
def test_every_model_problem_keeps_five_designs_that_say_how_they_differ(problem):
    population = designs(problem)
    assert len(population) >= 5, f"{problem.id}: thresholds rest on at least five sound designs"
    for design in population:
        assert design.differs, f"{design.folder}/design.toml: say what differs from the reference (differs = ...)"
        assert (design.folder / f"{problem.module}.py").is_file(), f"{design.folder} holds no {problem.module}.py"


@pytest.mark.parametrize("problem", RECORDED, ids=lambda p: p.id)
def test_every_recorded_design_run_scores_full_marks_and_clears_every_threshold(problem):
    runs = json.loads((problem.folder / RUNS_FILE).read_text())["runs"]
    assert {run["design"] for run in runs} == {d.name for d in designs(problem)}, "design_runs.json is stale"
    for run in runs:
        assert run["failed"] == [] and run["score"] == problem.points, f"{run['design']}: {run['failed']}"
        for threshold in problem.thresholds.values():
            value = run["metrics"][threshold.name]
            assert margin(threshold, value) > 0, f"{run['design']}: {threshold.name} {value} vs {threshold.bound}"


@pytest.mark.slow
@pytest.mark.parametrize("problem", WITH_DESIGNS, ids=lambda p: f"{p.id}/{sample_design(p).name}")
def test_a_sample_design_scores_full_marks(problem):
    result = grade_submission(sample_design(problem).folder, [problem]).problems[0]
    assert [f"{c.name}: {c.message}" for c in result.checks if not c.passed] == []
    assert result.score == problem.points


@pytest.mark.parametrize("problem", RECORDED, ids=lambda p: p.id)
def test_the_runaway_guard_leaves_three_times_the_slowest_design(problem):
    runs = json.loads((problem.folder / RUNS_FILE).read_text())["runs"]
    slowest = max(run["train_seconds"] for run in runs)
    assert problem.training.runaway_seconds >= 3 * slowest, (
        f"{problem.id}: runaway_seconds {problem.training.runaway_seconds} < 3 x {slowest} s (the slowest design)")
