"""Time `gradekit grade` on one submission: the warm sandbox against a cold one per problem, and no sandbox.

    python benchmarks/grade_bench.py                       # references/, the fifteen calculation problems
    python benchmarks/grade_bench.py --problem vae --repeats 1
    python benchmarks/grade_bench.py --workers warm cold --jobs 1 2

Each run is the command a user types (a fresh process: imports, sandboxes,
every public and hidden check), timed from outside: wall time, and the CPU
time of the command and of every process it started (sandboxes included;
as root with cgroup v1, see ``metering``). The kinds of worker, chosen for
the benchmark by ``$GRADEKIT_BENCH_WORKERS`` (``gradekit.grading.workers``):

- ``warm``: what gradekit does, one sandbox per submission (per set of
  preloaded modules) and a fresh forked worker per problem;
- ``cold``: a sandbox started for each problem, as gradekit did before;
- ``in-process``: no sandbox at all, the student's code called in the
  grader (what the sandbox costs is the difference).

The runs of the kinds alternate (warm, cold, in-process, warm, ...), so a
change in the machine's load weighs on each alike. Prints each kind's
medians, its score, and the ratios; issue 19's goals: warm under 3 s on 2
cores and at least 4x faster than cold, in-process at most 1.3x faster than warm.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from metering import CpuGroup, load  # noqa: E402  (the benchmarks' own helper, beside this file)

REPO = Path(__file__).resolve().parents[1]
KINDS = ("warm", "cold", "in-process")


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float | None
    score: float
    max_score: float


def calculation_problems(submission: Path) -> list[str]:
    """The calculation problems whose module ``submission`` holds (references/: all fifteen)."""
    from gradekit.grading.problem import discover

    return [p.id for p in discover(REPO / "problems")
            if p.section == "calculations" and (submission / f"{p.module}.py").is_file()]


def time_grade(submission: Path, problems: list[str], jobs: int, kind: str, number: int) -> Run:
    """One `gradekit grade` run with workers of ``kind``: wall and CPU seconds, and the score."""
    command = [sys.executable, "-m", "gradekit.cli", "grade", str(submission), "--format", "json",
               "--jobs", str(jobs)]
    for problem in problems:
        command += ["--problem", problem]
    meter = CpuGroup(f"{kind}-{jobs}-{number}")
    try:
        started = time.perf_counter()
        done = meter.run(command, capture_output=True, text=True, cwd=REPO,
                         env={**os.environ, "GRADEKIT_BENCH_WORKERS": kind})
        wall = time.perf_counter() - started
        cpu = meter.seconds()
    finally:
        meter.close()
    if done.returncode != 0:
        raise SystemExit(f"gradekit grade failed ({kind}, --jobs {jobs}):\n{done.stderr[-3000:]}")
    report = json.loads(done.stdout)
    return Run(wall, cpu, report["score"], report["max_score"])


def describe(runs: list[Run]) -> str:
    wall = statistics.median(r.wall for r in runs)
    text = f"wall median {wall:6.2f} s ({', '.join(f'{r.wall:.1f}' for r in runs)})"
    if runs[0].cpu is not None:
        text += f"  CPU median {statistics.median(r.cpu for r in runs):6.2f} s"
    return text + f"  score {runs[0].score:g}/{runs[0].max_score:g}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("submission", nargs="?", type=Path, default=REPO / "references")
    parser.add_argument("--problem", action="append", help="a problem id (repeatable; default: every calculation "
                                                           "problem the submission answers)")
    parser.add_argument("--workers", nargs="+", choices=KINDS, default=list(KINDS))
    parser.add_argument("--jobs", type=int, nargs="+", help="processes per run (default: the cores, at most 4)")
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    problems = args.problem or calculation_problems(args.submission)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    jobs_list = args.jobs or [min(cores, 4)]
    print(f"grading {args.submission} on {len(problems)} problems ({', '.join(problems)}); {cores} cores, "
          f"load average {load()}, {args.repeats} runs each")
    for jobs in jobs_list:
        runs: dict[str, list[Run]] = {kind: [] for kind in args.workers}
        for number in range(args.repeats):
            for kind in args.workers:
                runs[kind].append(time_grade(args.submission, problems, jobs, kind, number))
        print(f"--jobs {jobs}:")
        for kind in args.workers:
            print(f"  {kind:>10}: {describe(runs[kind])}")
        medians = {kind: (statistics.median(r.wall for r in rs),
                          statistics.median(r.cpu for r in rs) if rs[0].cpu is not None else None)
                   for kind, rs in runs.items()}
        for slower, faster, what in (("cold", "warm", "cold / warm"), ("warm", "in-process", "warm / in-process")):
            if slower in medians and faster in medians:
                (wall_a, cpu_a), (wall_b, cpu_b) = medians[slower], medians[faster]
                cpu = f", CPU {cpu_a / cpu_b:.2f}x" if cpu_a is not None else ""
                print(f"  {what}: wall {wall_a / wall_b:.2f}x{cpu}")
        print(f"  load average now {load()}")


if __name__ == "__main__":
    main()
