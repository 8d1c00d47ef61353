"""Time ``grade-all`` on a class of 100+ students: the parallel speed-up and the sandbox's cost.

    python benchmarks/grade_all_bench.py [--students 100] [--workers 1 2] [--max-examples 10] [--seed 0]

Builds a class from ``references/`` and the wrong submissions of
``problems/*/tests/*``, restricted to the problems that need no torch (so it
runs in minutes): each student hands in, for each problem, the reference
(half the time) or one of the problem's wrong submissions, drawn with
``--seed``. It then

1. grades the class with ``gradekit.grading.batch.grade_class`` once per
   ``--workers`` value, into fresh output folders, and prints the wall time of
   each and the speed-up over the first;
2. grades ``--sample`` of the students' problems twice in this process, once
   through the sandbox (``grade_problem``: a bwrap'd worker process per
   problem) and once through a direct channel that calls the student's module
   in-process (no process, no pipe; replies still cross the wire format, so
   both see the same values), and prints the sandbox's overhead per problem:
   the difference of the two times over the number of problems.

Scores must agree between the runs of step 1 (the script stops if not); step
2 lists the problems whose scores differ in and out of the sandbox. The class is
graded with ``--max-examples`` hypothesis examples per property (the
problems' own counts make a run take far longer without changing what is
measured). Timings depend on free cores: run it on an idle machine.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import os
import random
import shutil
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

from gradekit.grading import wire
from gradekit.grading.batch import grade_class
from gradekit.grading.problem import Problem, discover
from gradekit.grading.runner import grade_problem, run_check
from gradekit.grading.sandbox import isolation, stage_worker
from gradekit.grading.student import Student

REPO = Path(__file__).resolve().parents[1]


def numpy_problems(max_examples: int) -> list[Problem]:
    """The problems that run without torch and have a reference, with fewer hypothesis examples."""
    found = []
    for problem in discover(REPO / "problems"):
        if "torch" in problem.preload or not (REPO / "references" / f"{problem.module}.py").is_file():
            continue
        found.append(dataclasses.replace(problem, max_examples=max_examples))
    return found


def build_class(root: Path, problems: list[Problem], students: int, seed: int) -> None:
    """``students`` folders; each problem answered by the reference or a wrong submission."""
    rng = random.Random(seed)
    for index in range(students):
        folder = root / f"student-{index:03d}"
        folder.mkdir(parents=True)
        for problem in problems:
            cases = sorted(p.parent for p in (problem.folder / "tests").glob("*/expected.toml"))
            if not cases or rng.random() < 0.5:
                shutil.copyfile(REPO / "references" / f"{problem.module}.py", folder / f"{problem.module}.py")
                continue
            for file in rng.choice(cases).iterdir():
                if file.name != "expected.toml" and file.is_file():
                    shutil.copyfile(file, folder / file.name)


def time_class(root: Path, problems: list[Problem], workers: int, out: Path) -> tuple[float, dict[str, float]]:
    started = time.perf_counter()
    result = grade_class(root, out, problems, workers=workers)
    seconds = time.perf_counter() - started
    if result.grader_errors:
        raise SystemExit(f"the grader failed on {result.grader_errors}")
    scores = {}
    for line in (out / "grades.csv").read_text().splitlines()[1:]:
        student, score = line.split(",")[:2]
        scores[student] = float(score)
    return seconds, scores


class DirectChannel:
    """The worker's side, in-process: the student's module imported here and called directly.

    Values still go through the wire format both ways, so that checks see what
    they would see from a worker; only the process and the pipes are missing.
    """

    def __init__(self, module_path: Path):
        spec = importlib.util.spec_from_file_location(f"direct_{module_path.stem}_{id(self)}", module_path)
        self.module = importlib.util.module_from_spec(spec)
        sys.path.insert(0, str(module_path.parent))
        try:
            spec.loader.exec_module(self.module)
        finally:
            sys.path.remove(str(module_path.parent))

    def request(self, header: dict, value: Any) -> tuple[dict, Any]:
        value = _through_wire(value)
        args, kwargs = value["args"], value["kwargs"]
        try:
            with warnings.catch_warnings():  # a worker's warnings go to its stderr, not ours
                warnings.simplefilter("ignore")
                result = getattr(self.module, header["name"])(*args, **kwargs)
        except Exception as error:
            return {"ok": False, "error": {"type": type(error).__name__, "types": [type(error).__name__],
                                           "message": str(error), "traceback": ""}}, None
        return {"ok": True}, _through_wire(result)


def _through_wire(value: Any) -> Any:
    frame = wire.encode_frame({}, value)
    size = wire.HEADER.unpack(frame[:4])[0]
    return wire.decode_frame(frame[4:4 + size], frame[4 + size:])[1]


def time_overhead(root: Path, problems: list[Problem], sample: int) -> tuple[float, float, int, list[str]]:
    """Seconds through the sandbox, seconds direct, how many problems were graded each way, and
    those whose scores differed (the worker's BLAS runs on one thread, the grader's may not: a
    wrong submission within a rounding error of a tolerance can land on either side)."""
    pairs = [(folder, problem) for folder in sorted(root.iterdir())[:sample] for problem in problems]
    with tempfile.TemporaryDirectory(prefix="gradekit-bench-") as scratch:
        worker_dir = stage_worker(Path(scratch) / "worker")
        for problem in problems:  # load the checks before timing anything
            problem.all_checks()
        sandboxed = direct = 0.0
        count, differing = 0, []
        for folder, problem in pairs:
            checks = problem.all_checks()
            copy = Path(scratch) / "copies" / f"{folder.name}-{problem.id}"
            shutil.copytree(folder, copy)
            started = time.perf_counter()
            in_sandbox = grade_problem(problem, checks, copy, worker_dir)
            elapsed = time.perf_counter() - started
            if in_sandbox.status != "graded" or any("your code " in c.message for c in in_sandbox.checks):
                continue  # it hung or crashed: only the sandbox can stop that, there is nothing to compare
            sandboxed += elapsed
            count += 1
            started = time.perf_counter()
            student = Student(DirectChannel(copy / f"{problem.module}.py"), problem.names)
            direct_score = sum(run_check(spec, student).score for spec in checks)
            direct += time.perf_counter() - started
            if abs(in_sandbox.score - direct_score) > 1e-9:
                differing.append(f"{folder.name}/{problem.id}: {in_sandbox.score:g} in the sandbox, "
                                 f"{direct_score:g} directly")
    return sandboxed, direct, count, differing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=100)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--max-examples", type=int, default=10)
    parser.add_argument("--sample", type=int, default=20, help="students whose problems time the overhead")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    problems = numpy_problems(args.max_examples)
    print(f"problems: {', '.join(p.id for p in problems)} (max_examples={args.max_examples})", flush=True)
    print(f"sandbox: {isolation().describe()}; cores: {os.cpu_count()}; "
          f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="gradekit-bench-") as scratch:
        root = Path(scratch) / "class"
        build_class(root, problems, args.students, args.seed)
        times, reference_scores = {}, None
        for workers in args.workers:
            seconds, scores = time_class(root, problems, workers, Path(scratch) / f"out-{workers}")
            if reference_scores is not None and scores != reference_scores:
                raise SystemExit(f"{workers} workers gave other scores than {args.workers[0]}")
            reference_scores, times[workers] = scores, seconds
            print(f"{args.students} students x {len(problems)} problems, {workers} worker(s): {seconds:.1f} s "
                  f"({seconds / args.students:.2f} s per student)", flush=True)
        first = args.workers[0]
        for workers in args.workers[1:]:
            print(f"speed-up of {workers} workers over {first}: {times[first] / times[workers]:.2f}")
        sandboxed, direct, count, differing = time_overhead(root, problems, args.sample)
        print(f"overhead: {count} problems in {sandboxed:.1f} s through the sandbox, {direct:.1f} s directly: "
              f"{(sandboxed - direct) / count:.3f} s per problem", flush=True)
        for line in differing:
            print(f"  score differs: {line}")
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
