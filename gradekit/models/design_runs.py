"""Grade a model problem's population of sound designs and record their runs (decision 7).

    python -m gradekit.models.design_runs vae              # grade every design, write design_runs.json
    python -m gradekit.models.design_runs vae --check      # grade them again; fail unless all pass every check
    python -m gradekit.models.design_runs --all --check    # every problem that has designs

A design is a correct submission written apart from the reference that differs
within the statement (widths, depth, normalisation, initialisation,
activation): ``problems/<id>/designs/<name>/`` holds the student's module and a
``design.toml`` whose ``differs`` says how. Each design is graded as a student
would be (the sandbox, every check), and in the same worker (its training
memoised, so nothing trains twice) ``metrics.measure`` gives the values the
hidden checks threshold. ``design_runs.json`` keeps, per design, the score, the
checks it failed (none, for a sound design), each metric with its margin to
the threshold, the steps, and the seconds: the evidence the thresholds in
``problem.toml`` are set from, beside ``reference_runs.json``.
"""

from __future__ import annotations

import argparse
import json
import math
import platform
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from gradekit.grading.problem import Problem, Threshold, discover, select
from gradekit.grading.runner import ProblemSession, run_check
from gradekit.grading.sandbox import make_staging_dir, stage_worker
from gradekit.grading.student import Student
from gradekit.models.reference_runs import metrics_module
from gradekit.tomlfile import read_toml

RUNS_FILE = "design_runs.json"
DESIGNS_FOLDER = "designs"


@dataclass(frozen=True)
class Design:
    name: str
    folder: Path
    differs: str  # what sets it apart from the reference, in words


def designs(problem: Problem) -> list[Design]:
    """The problem's sound designs, by name."""
    root = problem.folder / DESIGNS_FOLDER
    found = []
    for folder in sorted(root.iterdir()) if root.is_dir() else []:
        if folder.is_dir():
            about = read_toml(folder / "design.toml") if (folder / "design.toml").is_file() else {}
            found.append(Design(folder.name, folder, str(about.get("differs", ""))))
    return found


def margin(threshold: Threshold, value: float) -> float:
    """How far ``value`` clears the threshold, relative to it: positive passes, negative fails."""
    value = float(value)
    if not math.isfinite(value):
        return -math.inf
    room = threshold.limit - value if threshold.direction == "max" else value - threshold.limit
    return room / abs(threshold.limit) if threshold.limit else room


def grade_design(problem: Problem, design: Design, worker_dir: Path, staging: Path) -> dict:
    """Every check of ``problem`` on ``design``, then its metrics from the same (memoised) training."""
    copy = staging / "submissions" / design.name
    shutil.copytree(design.folder, copy, ignore=shutil.ignore_patterns("__pycache__", "design.toml"))
    session = ProblemSession(problem, copy, worker_dir)
    started = time.monotonic()
    try:
        report = session.start()
        if not report.get("ok"):
            return {"design": design.name, "differs": design.differs, "score": 0.0, "points": problem.points,
                    "failed": ["<import>"], "error": str(report.get("error"))}
        student = Student(session, problem.names)
        results = [run_check(spec, student) for spec in problem.all_checks()]
        graded = time.monotonic() - started
        values = metrics_module(problem).measure(student)
    finally:
        session.close()
    metrics = {name: values[name] for name in problem.thresholds if name in values}
    return {"design": design.name, "differs": design.differs,
            "score": sum(r.score for r in results), "points": problem.points,
            "failed": [r.name for r in results if not r.passed],
            "metrics": metrics,
            "margins": {name: round(margin(problem.thresholds[name], value), 4) for name, value in metrics.items()},
            "steps": values.get("steps"), "train_seconds": round(float(values.get("train_seconds", math.nan)), 2),
            "grading_seconds": round(graded, 2)}


def run_designs(problem: Problem, chosen: list[Design], on_design=None) -> list[dict]:
    """``grade_design`` for each design, one fresh worker each, one after the other (one thread each)."""
    staging = make_staging_dir()
    try:
        worker_dir = stage_worker(staging / "worker")
        runs = []
        for design in chosen:
            runs.append(grade_design(problem, design, worker_dir, staging))
            if on_design is not None:
                on_design(runs[-1])
        return runs
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def unsound(runs: list[dict]) -> list[str]:
    """What keeps a population from being sound: a design that failed a check or missed a threshold."""
    problems = []
    for run in runs:
        if run["failed"]:
            problems.append(f"{run['design']} failed {', '.join(run['failed'])}")
        problems += [f"{run['design']}: {name} misses its threshold ({run['metrics'][name]:.4g})"
                     for name, room in run.get("margins", {}).items() if room <= 0]
    return problems


def record(problem: Problem, runs: list[dict]) -> Path:
    path = problem.folder / RUNS_FILE
    path.write_text(json.dumps({"problem": problem.id, "machine": platform.machine(),
                                "python": platform.python_version(),
                                "thresholds": {t.key: t.limit for t in problem.thresholds.values()},
                                "runs": runs}, indent=2) + "\n")
    return path


def _describe(run: dict) -> str:
    margins = ", ".join(f"{name} {run['metrics'][name]:.4g} ({room:+.0%})" for name, room in run["margins"].items())
    return (f"{run['design']}: {run['score']:g}/{run['points']:g}"
            + (f", failed {run['failed']}" if run["failed"] else "")
            + f"; {margins}; steps {run['steps']}, {run['train_seconds']} s training,"
            + f" {run['grading_seconds']} s graded")


def main(argv: list[str] | None = None) -> int:
    from rich.console import Console
    from rich.progress import Progress, TaskID

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("problems", nargs="*", help="problem ids, e.g. vae")
    parser.add_argument("--all", action="store_true", help="every problem that has designs")
    parser.add_argument("--designs", nargs="+", help="only these designs (not recorded)")
    parser.add_argument("--check", action="store_true", help="grade again and fail unless every design passes; "
                                                              "writes nothing")
    args = parser.parse_args(argv)
    everything = discover()
    chosen = [p for p in everything if designs(p)] if args.all else select(everything, args.problems)
    console = Console(stderr=True)
    trouble = []
    for problem in chosen:
        population = [d for d in designs(problem) if not args.designs or d.name in args.designs]
        if not population:
            console.print(f"{problem.id}: no designs under {problem.folder / DESIGNS_FOLDER}")
            trouble.append(problem.id)
            continue
        with Progress(console=console, transient=True) as progress:
            task = progress.add_task(f"{problem.id}: grading {len(population)} designs", total=len(population))

            def on_design(run: dict, progress: Progress = progress, task: TaskID = task) -> None:
                progress.advance(task)
                console.print(_describe(run))

            runs = run_designs(problem, population, on_design)
        trouble += [f"{problem.id}/{why}" for why in unsound(runs)]
        if not args.check and not args.designs:
            console.print(f"wrote {record(problem, runs)}")
    for why in trouble:
        console.print(f"[red]✗[/red] {why}")
    return 1 if trouble else 0


if __name__ == "__main__":
    sys.exit(main())
