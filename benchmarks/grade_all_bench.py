"""Time ``grade-all`` on a class: 1 worker against 2, and a local Dask cluster against the process pool.

    python benchmarks/grade_all_bench.py                   # 300 students x the fifteen calculation problems
    python benchmarks/grade_all_bench.py --students 30 --workers 2 --no-dask   # a quick look
    python benchmarks/grade_all_bench.py --problem image-entropy maxout --students 100

Builds a class from ``references/``, the submissions of ``problems/*/tests/``
and the trivial family (``gradekit.grading.trivial``): each student answers
each problem with the reference, one of the problem's test submissions (wrong
ones, and sound designs other than the reference's) or a trivial submission
(a constant, zeros, the input, NaN, random values), a third of the time each,
drawn with ``--seed``. It then grades the class with
``gradekit.grading.batch.grade_class`` once per ``--workers`` value, and on a
``distributed.LocalCluster`` of ``--dask-workers`` processes (one thread each)
started here, each into a fresh output folder, and prints for each run the
wall time, the CPU time of every process involved (as root with cgroup v1,
see ``metering``: sandboxes and Dask's processes included), how many cores
that kept busy, and the speed-ups. Scores must agree between the runs (the
script stops if not).

Issue 19's goals: 300 students x the fifteen problems under 8 minutes on 2
cores, 2 workers at least 1.8x one, Dask within 10 % of the process pool.
Timings depend on free cores: on a machine others are using, read the CPU
times and the cores kept busy, and the load averages printed beside them.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from metering import CpuGroup, load  # noqa: E402  (the benchmarks' own helper, beside this file)

from gradekit.grading.batch import grade_class  # noqa: E402
from gradekit.grading.problem import Problem, discover  # noqa: E402
from gradekit.grading.sandbox import isolation  # noqa: E402
from gradekit.grading.trivial import GENERIC_KINDS, write_trivial_submission  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
ANSWERS = ("reference", "test submission", "trivial")


def calculation_problems(ids: list[str]) -> list[Problem]:
    """The problems named (default: every calculation problem with a reference in references/)."""
    found = []
    for problem in discover(REPO / "problems"):
        if not (REPO / "references" / f"{problem.module}.py").is_file():
            continue
        if problem.id in ids or (not ids and problem.section == "calculations"):
            found.append(problem)
    return found


def build_class(root: Path, problems: list[Problem], students: int, seed: int) -> dict[str, int]:
    """``students`` folders; returns how many answers of each kind were handed in."""
    rng = random.Random(seed)
    handed = dict.fromkeys(ANSWERS, 0)
    for index in range(students):
        folder = root / f"student-{index:03d}"
        folder.mkdir(parents=True)
        for problem in problems:
            cases = sorted(p.parent for p in (problem.folder / "tests").glob("*/expected.toml"))
            answer = rng.choice(ANSWERS if cases else ("reference", "trivial"))
            handed[answer] += 1
            if answer == "reference":
                shutil.copyfile(REPO / "references" / f"{problem.module}.py", folder / f"{problem.module}.py")
            elif answer == "test submission":
                for file in rng.choice(cases).iterdir():
                    if file.name != "expected.toml" and file.is_file():
                        shutil.copyfile(file, folder / file.name)
            else:
                write_trivial(problem, rng.choice(GENERIC_KINDS), folder, rng.randrange(2**31))
    return handed


def write_trivial(problem: Problem, kind: str, folder: Path, seed: int) -> None:
    """A trivial answer to ``problem`` in ``folder``, its reference copy named after the problem (a student
    may answer several problems trivially: each imports its own)."""
    with tempfile.TemporaryDirectory(prefix="gradekit-bench-trivial-") as scratch:
        made = write_trivial_submission(problem, kind, Path(scratch), REPO / "references", seed=seed)
        own = f"_trivial_reference_{problem.module}"
        shutil.copyfile(made.folder / "_trivial_reference.py", folder / f"{own}.py")
        shutil.copyfile(made.folder / "_trivial_runtime.py", folder / "_trivial_runtime.py")
        module = (made.folder / f"{problem.module}.py").read_text()
        module = module.replace("import _trivial_reference\n", f"import {own} as _trivial_reference\n")
        (folder / f"{problem.module}.py").write_text(module)


def scores_of(out: Path) -> dict[str, float]:
    scores = {}
    for line in (out / "grades.csv").read_text().splitlines()[1:]:
        student, score = line.split(",")[:2]
        scores[student] = float(score)
    return scores


def time_class(root: Path, problems: list[Problem], out: Path, meter: CpuGroup, *, workers: int = 1,
               scheduler: str | None = None) -> tuple[float, float | None, dict[str, float]]:
    """Wall seconds, CPU seconds (all processes) and each student's score."""
    cpu = meter.seconds()
    started = time.perf_counter()
    result = grade_class(root, out, problems, workers=workers, scheduler=scheduler)
    seconds = time.perf_counter() - started
    cpu = meter.seconds() - cpu if cpu is not None else None
    if result.grader_errors:
        raise SystemExit(f"the grader failed on {result.grader_errors}")
    return seconds, cpu, scores_of(out)


def report(label: str, students: int, seconds: float, cpu: float | None) -> None:
    used = (f"; CPU {cpu:.1f} s, {cpu / students:.2f} s per student, {cpu / seconds:.2f} cores busy"
            if cpu is not None else "")
    print(f"{label}: {seconds:.1f} s ({seconds / students:.2f} s per student{used}), load average {load()}",
          flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=300)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--dask-workers", type=int, default=2)
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask cluster's run")
    parser.add_argument("--problem", nargs="+", default=[], help="problem ids (default: the calculation problems)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    problems = calculation_problems(args.problem)
    if not problems:
        raise SystemExit(f"no problem with a reference among {args.problem}")
    print(f"problems: {', '.join(p.id for p in problems)}")
    print(f"sandbox: {isolation().describe()}; cores: {os.cpu_count()}; load average: {load()}")
    meter = CpuGroup("class")
    meter.enter()  # this process and all it starts (pool processes, Dask's, every sandbox)
    try:
        with tempfile.TemporaryDirectory(prefix="gradekit-bench-") as scratch:
            root = Path(scratch) / "class"
            handed = build_class(root, problems, args.students, args.seed)
            print(f"{args.students} students x {len(problems)} problems: "
                  + ", ".join(f"{count} {kind} answers" for kind, count in handed.items()), flush=True)
            times, first = {}, None
            for workers in args.workers:
                seconds, cpu, scores = time_class(root, problems, Path(scratch) / f"out-{workers}", meter,
                                                  workers=workers)
                if first is not None and scores != first:
                    raise SystemExit(f"{workers} workers gave other scores than {args.workers[0]}")
                first, times[workers] = scores, seconds
                report(f"{workers} worker(s)", args.students, seconds, cpu)
            base = args.workers[0]
            for workers in args.workers[1:]:
                print(f"speed-up of {workers} workers over {base}: {times[base] / times[workers]:.2f}")
            if not args.no_dask:
                dask_seconds, dask_scores = run_on_dask(root, problems, Path(scratch) / "out-dask", meter,
                                                        args.dask_workers, args.students)
                if first is not None and dask_scores != first:
                    raise SystemExit("the Dask cluster gave other scores than the process pool")
                pool = times.get(args.dask_workers)
                if pool:
                    print(f"Dask over the pool of {args.dask_workers}: {dask_seconds / pool:.2f}x the time")
    finally:
        meter.close()


def run_on_dask(root: Path, problems: list[Problem], out: Path, meter: CpuGroup, workers: int,
                students: int) -> tuple[float, dict[str, float]]:
    from distributed import LocalCluster

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.CRITICAL) as cluster:  # its shutdown chatter is not ours
        seconds, cpu, scores = time_class(root, problems, out, meter, scheduler=cluster.scheduler_address)
    report(f"Dask LocalCluster, {workers} workers", students, seconds, cpu)
    return seconds, scores


if __name__ == "__main__":
    main()
