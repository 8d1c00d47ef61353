"""Time `gradekit grade` on one submission, one process against one per core.

    python benchmarks/grade_bench.py                       # the references, the four spine problems
    python benchmarks/grade_bench.py --problem vae --repeats 1

Each run is the command a user types (a fresh process: imports, sandboxed
workers, every check), timed from outside. Prints the median of each setting
and their ratio; the issue's goal is the four spine problems under 3 s.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SPINE = ["image-entropy", "tf-idf", "maxout", "pooling"]


def time_grade(submission: Path, problems: list[str], jobs: int) -> tuple[float, float, float]:
    """Seconds of one `gradekit grade` run, and the score it gave out of its maximum."""
    command = [sys.executable, "-m", "gradekit.cli", "grade", str(submission), "--format", "json",
               "--jobs", str(jobs)]
    for problem in problems:
        command += ["--problem", problem]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=True, cwd=REPO)
    seconds = time.perf_counter() - started
    report = json.loads(done.stdout)
    return seconds, report["score"], report["max_score"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("submission", nargs="?", type=Path, default=REPO / "references")
    parser.add_argument("--problem", action="append", help="a problem id (repeatable; default: the spine)")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    problems = args.problem or SPINE
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    print(f"grading {args.submission} on {', '.join(problems)}; {cores} cores, "
          f"load {os.getloadavg()[0]:.2f}, {args.repeats} runs each")
    medians = {}
    for label, jobs in (("1 process", 1), (f"{cores} processes", cores)):
        runs = [time_grade(args.submission, problems, jobs) for _ in range(args.repeats)]
        medians[label] = statistics.median(seconds for seconds, _, _ in runs)
        _, score, max_score = runs[0]
        spread = ", ".join(f"{seconds:.2f}" for seconds, _, _ in runs)
        print(f"{label:>12}: median {medians[label]:.2f} s  ({spread})  score {score:g}/{max_score:g}")
    one, many = medians.values()
    print(f"speed-up with {cores} processes: {one / many:.2f}x")


if __name__ == "__main__":
    main()
