"""Measure a model problem's metrics on the reference submission, over several training seeds.

    python -m gradekit.models.reference_runs vae --seeds 0 1 2 3 4

A model problem keeps a ``metrics.py`` whose ``measure(student, seed)`` trains
in the sandbox and returns the metrics its hidden checks compare with
thresholds. This runs it exactly as grading does (the sandbox, its limits,
one thread) on ``references/``, one fresh worker per seed, and writes
``problems/<id>/reference_runs.json``: how much the reference varies with
the training seed. The thresholds in ``problem.toml`` are set from a
population of sound designs (``gradekit.models.design_runs``) beside these
runs and the wrong and trivial submissions.
"""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import shutil
import time
from pathlib import Path

from gradekit.calc import REFERENCES_DIR
from gradekit.grading.problem import Problem, discover, select
from gradekit.grading.runner import ProblemSession
from gradekit.grading.sandbox import make_staging_dir, stage_worker
from gradekit.grading.student import Student

RUNS_FILE = "reference_runs.json"


def metrics_module(problem: Problem):
    """The problem's ``metrics.py``, imported inside the problem's package as its checks import it."""
    problem.checks("hidden")  # creates the package the module's relative imports need
    return importlib.import_module(f"{problem.package_name}.metrics")


def measure_references(problem: Problem, seeds: list[int], submission: Path | None = REFERENCES_DIR) -> list[dict]:
    """``metrics.measure(student, seed)`` for each seed, each in a fresh sandboxed worker."""
    if submission is None:  # gradekit.calc found no course references (an install without them)
        raise RuntimeError(f"no references folder to measure {problem.id} on")
    metrics = metrics_module(problem)
    staging = make_staging_dir()
    try:
        worker_dir = stage_worker(staging / "worker")
        copy = staging / "submission"
        shutil.copytree(submission, copy, ignore=shutil.ignore_patterns("__pycache__"))
        runs = []
        for seed in seeds:
            session = ProblemSession(problem, copy, worker_dir)
            try:
                report = session.start()
                if not report.get("ok"):
                    raise RuntimeError(f"{submission} could not be imported for {problem.id}: {report}")
                started = time.monotonic()
                values = metrics.measure(Student(session, problem.names), seed)
                runs.append({"seed": seed, **values, "wall_seconds": round(time.monotonic() - started, 2)})
            finally:
                session.close()
        return runs
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("problem", help="the problem's id, e.g. vae")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2, 3, 4])
    args = parser.parse_args(argv)
    problem = select(discover(), [args.problem])[0]
    runs = measure_references(problem, args.seeds)
    baselines = getattr(metrics_module(problem), "baselines", None)
    record = {"problem": problem.id, "submission": "references/", "machine": platform.machine(),
              "python": platform.python_version(), "runs": runs,
              "baselines": baselines() if baselines else {}}
    path = problem.folder / RUNS_FILE
    path.write_text(json.dumps(record, indent=2) + "\n")
    for run in runs:
        print(run)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
