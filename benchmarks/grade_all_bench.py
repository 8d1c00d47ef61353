"""Time ``grade-all`` on a class of 100+ students: the parallel speed-up and the sandbox's cost.

    python benchmarks/grade_all_bench.py [--students 100] [--workers 1 2] [--problem ID ...]
                                         [--max-examples 0] [--sample 20] [--seed 0]

Builds a class from ``references/`` and the wrong submissions of
``problems/*/tests/*`` for ``--problem`` (by default three problems that need
no torch, so that it runs in minutes; ``--problem all`` takes every such
problem): each student hands in, for each problem, the reference (half the
time) or one of the problem's wrong submissions, drawn with ``--seed``. It
then

1. grades the class with ``gradekit.grading.batch.grade_class`` once per
   ``--workers`` value, into fresh output folders, and prints the wall time of
   each and the speed-up over the first; as root with cgroup v1, also the CPU
   time of every process involved, and so how many cores the run kept busy (on
   a machine others are using, that, not the speed-up, shows whether the
   workers ran in parallel);
2. grades ``--sample`` students twice in this process, once as ``gradekit
   grade`` does (``grade_submission``: a private copy of the folder, a
   sandboxed worker process per problem) and once through a direct channel
   that calls the student's module in-process (no copy, no process, no pipe;
   replies still cross the wire format, so both see the same values), and
   prints the sandbox's overhead per problem: the difference of the two times
   over the number of problems (and of the CPU times, when metered);
3. times its two parts: starting a sandboxed worker (bwrap, Python, numpy)
   and importing a module, and one call's round trip.

Scores must agree between the runs of step 1 (the script stops if not); step
2 lists the problems whose scores differ in and out of the sandbox. The class is
graded with the problems' own hypothesis example counts, the work an
instructor's run does (about 5 minutes on 2 cores); ``--max-examples 10``
gives a quicker run in which starting workers weighs more, so the 1-worker run
already keeps more than one core busy and the speed-up reads lower (1.52
against 1.82 on the same machine). Timings depend on free cores: run it on an
idle machine.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import os
import random
import statistics
import shutil
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from gradekit.grading import wire
from gradekit.grading.batch import grade_class
from gradekit.grading.problem import Problem, discover
from gradekit.grading.runner import grade_submission, run_check
from gradekit.grading.sandbox import Limits, WorkerProcess, isolation, stage_worker
from gradekit.grading.student import Student

REPO = Path(__file__).resolve().parents[1]


DEFAULT_PROBLEMS = ["image-entropy", "maxout", "tf-idf"]


def numpy_problems(ids: list[str], max_examples: int) -> list[Problem]:
    """The problems named (or all) that run without torch and have a reference, with ``max_examples``
    examples per property (0: their own)."""
    found = []
    for problem in discover(REPO / "problems"):
        if "torch" in problem.preload or not (REPO / "references" / f"{problem.module}.py").is_file():
            continue
        if "all" in ids or problem.id in ids:
            found.append(dataclasses.replace(problem, max_examples=max_examples) if max_examples else problem)
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


class CpuMeter:
    """CPU seconds used by this process and every process it starts, sandboxes included.

    A cgroup v1 ``cpuacct`` group holds this process while the meter is open;
    children inherit it. None where that controller is not writable (not root,
    or cgroup v2): then only wall times are printed.
    """

    ROOT = Path("/sys/fs/cgroup/cpuacct")

    def __init__(self):
        self.group = self.ROOT / f"gradekit-bench-{os.getpid()}"

    def __enter__(self) -> "CpuMeter | None":
        try:
            self.group.mkdir()
            (self.group / "cgroup.procs").write_text(str(os.getpid()))
        except OSError:
            return None
        return self

    def seconds(self) -> float:
        return int((self.group / "cpuacct.usage").read_text()) / 1e9

    def __exit__(self, *exc) -> None:
        if not self.group.is_dir():
            return
        for pid in (self.group / "cgroup.procs").read_text().split():  # us, and multiprocessing's tracker
            try:
                (self.ROOT / "cgroup.procs").write_text(pid)
            except OSError:  # it exited meanwhile
                pass
        self.group.rmdir()


def time_class(root: Path, problems: list[Problem], workers: int, out: Path,
               meter: CpuMeter | None) -> tuple[float, float | None, dict[str, float]]:
    """Wall seconds, CPU seconds (all processes) and each student's score."""
    cpu = meter.seconds() if meter else None
    started = time.perf_counter()
    result = grade_class(root, out, problems, workers=workers)
    seconds = time.perf_counter() - started
    cpu = meter.seconds() - cpu if meter else None
    if result.grader_errors:
        raise SystemExit(f"the grader failed on {result.grader_errors}")
    scores = {}
    for line in (out / "grades.csv").read_text().splitlines()[1:]:
        student, score = line.split(",")[:2]
        scores[student] = float(score)
    return seconds, cpu, scores


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


@dataclass
class Overhead:
    """Seconds of grading the same problems through the sandbox and directly (CPU if metered)."""

    problems: int = 0
    sandbox_wall: float = 0.0
    direct_wall: float = 0.0
    sandbox_cpu: float = 0.0
    direct_cpu: float = 0.0
    differing: list[str] = field(default_factory=list)


def time_overhead(root: Path, problems: list[Problem], sample: int, meter: CpuMeter | None) -> Overhead:
    """Grade ``sample`` students through the sandbox and directly.

    ``differing`` lists the problems whose scores differ: the worker's BLAS runs on
    one thread, the grader's may not, and a wrong answer within a rounding error of
    a tolerance can land on either side.
    """
    for problem in problems:  # load the checks before timing anything
        problem.all_checks()

    def now() -> tuple[float, float]:
        return time.perf_counter(), meter.seconds() if meter else 0.0

    found = Overhead()
    for folder in sorted(root.iterdir())[:sample]:
        wall, cpu = now()
        report = grade_submission(folder, problems)
        wall_after, cpu_after = now()
        if any("your code " in c.message for p in report.problems for c in p.checks):
            continue  # it hung or crashed somewhere: only the sandbox can stop that, nothing to compare
        found.problems += len(problems)
        found.sandbox_wall += wall_after - wall
        found.sandbox_cpu += cpu_after - cpu
        wall, cpu = now()
        direct_scores = [grade_directly(folder, problem) for problem in problems]
        wall_after, cpu_after = now()
        found.direct_wall += wall_after - wall
        found.direct_cpu += cpu_after - cpu
        for problem, in_sandbox, score in zip(problems, report.problems, direct_scores):
            if abs(in_sandbox.score - score) > 1e-9:
                found.differing.append(f"{folder.name}/{problem.id}: {in_sandbox.score:g} in the sandbox, "
                                       f"{score:g} directly")
    return found


def time_worker(repeats: int = 10, calls: int = 200) -> tuple[float, float]:
    """Median seconds to start a sandboxed worker and import a module, and of one call to it."""
    with tempfile.TemporaryDirectory(prefix="gradekit-bench-") as scratch:
        submission = Path(scratch) / "submission"
        submission.mkdir()
        (submission / "trivial.py").write_text("def identity(x):\n    return x\n")
        worker_dir = stage_worker(Path(scratch) / "worker")
        starts, roundtrips = [], []
        for _ in range(repeats):
            started = time.perf_counter()
            worker = WorkerProcess(submission_dir=submission, module="trivial", worker_dir=worker_dir,
                                   limits=Limits(), preload=("numpy",))
            worker.request({"op": "import"}, None, 30)
            starts.append(time.perf_counter() - started)
            for _ in range(calls // repeats):
                started = time.perf_counter()
                worker.request({"op": "call", "name": "identity"}, {"args": [np.arange(64)], "kwargs": {}}, 10)
                roundtrips.append(time.perf_counter() - started)
            worker.close()
    return statistics.median(starts), statistics.median(roundtrips)


def grade_directly(folder: Path, problem: Problem) -> float:
    """The problem's score with every check run against the module imported in this process."""
    module = folder / f"{problem.module}.py"
    if not module.exists():
        return 0.0
    student = Student(DirectChannel(module), problem.names)
    return sum(run_check(spec, student).score for spec in problem.all_checks())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=100)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--problem", nargs="+", default=DEFAULT_PROBLEMS, help="problem ids, or all")
    parser.add_argument("--max-examples", type=int, default=0, help="per property; 0 (default): the problems' own")
    parser.add_argument("--sample", type=int, default=20, help="students whose problems time the overhead")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    problems = numpy_problems(args.problem, args.max_examples)
    if not problems:
        raise SystemExit(f"no problem without torch among {args.problem}")
    print(f"problems: {', '.join(p.id for p in problems)} (max_examples={args.max_examples})", flush=True)
    print(f"sandbox: {isolation().describe()}; cores: {os.cpu_count()}; "
          f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory(prefix="gradekit-bench-") as scratch, CpuMeter() as meter:
        root = Path(scratch) / "class"
        build_class(root, problems, args.students, args.seed)
        times, reference_scores = {}, None
        for workers in args.workers:
            seconds, cpu, scores = time_class(root, problems, workers, Path(scratch) / f"out-{workers}", meter)
            if reference_scores is not None and scores != reference_scores:
                raise SystemExit(f"{workers} workers gave other scores than {args.workers[0]}")
            reference_scores, times[workers] = scores, seconds
            used = f"; CPU {cpu:.1f} s, {cpu / args.students:.2f} s per student, {cpu / seconds:.2f} cores busy" \
                if cpu is not None else ""
            print(f"{args.students} students x {len(problems)} problems, {workers} worker(s): {seconds:.1f} s "
                  f"({seconds / args.students:.2f} s per student{used}), "
                  f"load average {os.getloadavg()[0]:.1f}", flush=True)
        first = args.workers[0]
        for workers in args.workers[1:]:
            print(f"speed-up of {workers} workers over {first}: {times[first] / times[workers]:.2f}")
        found = time_overhead(root, problems, args.sample, meter)
        per_problem = (found.sandbox_wall - found.direct_wall) / found.problems
        print(f"overhead: {found.problems} problems in {found.sandbox_wall:.1f} s through the sandbox, "
              f"{found.direct_wall:.1f} s directly: {per_problem:.3f} s per problem", flush=True)
        if meter:
            print(f"  in CPU time: {found.sandbox_cpu:.1f} s and {found.direct_cpu:.1f} s: "
                  f"{(found.sandbox_cpu - found.direct_cpu) / found.problems:.3f} s per problem")
        for line in found.differing:
            print(f"  score differs: {line}")
    start, roundtrip = time_worker()
    print(f"of which: starting a worker and importing a module {start:.3f} s (median; the next problem's "
          f"worker starts during this one's checks), one call {roundtrip * 1000:.2f} ms (median)")
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
