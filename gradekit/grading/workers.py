"""Where a problem's worker comes from: a warm sandbox per submission, or (benchmarks only) another kind.

- ``warm`` (always, unless a benchmark asks otherwise): one sandbox per submission
  and per set of preloaded modules (``zygote``); each problem gets a fresh child
  forked from it. Problems that preload only numpy never share a sandbox with
  torch's: a child starts from its zygote's address space, and each problem's
  ``memory_mb`` must mean what it meant for a worker of its own.
- ``cold``: a sandbox started for each problem (``sandbox.WorkerProcess``), as
  gradekit did before the warm sandbox; the next problem's starts during this one.
  ``benchmarks/grade_bench.py`` times it beside the warm one.
- ``in-process``: no sandbox at all (``inprocess``), to measure what the sandbox
  costs. It runs student code as the grader: benchmarks only, never untrusted code.

The kind is ``$GRADEKIT_BENCH_WORKERS`` (unset: warm); only the benchmarks set it.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import Protocol

from gradekit.grading.limits import Limits
from gradekit.grading.problem import Problem
from gradekit.grading.sandbox import WorkerLost, WorkerProcess, open_to_worker
from gradekit.grading.zygote import Zygote, zygote_limits

WORKERS_VARIABLE = "GRADEKIT_BENCH_WORKERS"
KINDS = ("warm", "cold", "in-process")
IN_PROCESS_WARNING = ("benchmark mode ($GRADEKIT_BENCH_WORKERS=in-process): student code ran INSIDE the grader, "
                      "with no sandbox; never grade untrusted code so")

Key = tuple[tuple[str, ...], int]  # (preloaded modules, threads): problems that may share a warm sandbox


def chosen_kind() -> str:
    kind = os.environ.get(WORKERS_VARIABLE, "") or "warm"
    if kind not in KINDS:
        raise ValueError(f"${WORKERS_VARIABLE} is {kind!r}; it must be one of {', '.join(KINDS)}")
    return kind


def key_of(problem: Problem) -> Key:
    return tuple(problem.preload), problem.limits.threads


class Worker(Protocol):
    """What the runner talks to (``sandbox.Conversation``'s interface)."""

    failure: str | None

    def request(self, header: dict, value, timeout: float, *, budget: float | None = None) -> tuple[dict, object]: ...
    def output(self) -> str: ...
    def kill(self) -> None: ...
    def close(self) -> None: ...


class WorkerSource(Protocol):
    def prepare(self, problems: list[Problem]) -> None:
        """Start, without waiting, what ``problems`` will need (their sandboxes), if not started yet."""

    def start(self, problem: Problem, deadline: float) -> Worker:
        """A worker for ``problem``, waiting for the request to import the student's module."""

    def close(self) -> None: ...


def stage_harnesses(problems: list[Problem], root: Path) -> Path | None:
    """Copy each problem's harness files (and nothing else of its folder) to ``root/<id>/`` for the sandbox."""
    with_harness = [p for p in problems if p.harness]
    if not with_harness:
        return None
    for problem in with_harness:
        target = root / problem.id
        target.mkdir(parents=True, exist_ok=True)
        for name in problem.harness:
            shutil.copyfile(problem.folder / name, target / name)
    return open_to_worker(root)


def course_folders(problems: list[Problem]) -> tuple[Path, ...]:
    """The graded course's problems/ and references/ (blanked in the sandbox, wherever they are)."""
    folders = {p.folder.parent for p in problems}
    return tuple(sorted(folders | {folder.parent / "references" for folder in folders}))


def make_source(kind: str, *, submission_dir: Path, worker_dir: Path, harness_root: Path | None,
                problems: list[Problem]) -> WorkerSource:
    if kind == "cold":
        return ColdWorkers(submission_dir, worker_dir, harness_root)
    if kind == "in-process":
        return InProcessWorkers(submission_dir, harness_root)
    return WarmWorkers(submission_dir, worker_dir, harness_root, problems)


class WarmWorkers:
    """A warm sandbox per preload set (``zygote``), replaced when it is lost; a forked child per problem."""

    def __init__(self, submission_dir: Path, worker_dir: Path, harness_root: Path | None, problems: list[Problem]):
        self.submission_dir = submission_dir
        self.worker_dir = worker_dir
        self.harness_root = harness_root
        self._limits: dict[Key, list[Limits]] = {}
        for problem in problems:
            self._limits.setdefault(key_of(problem), []).append(problem.limits)
        self._zygotes: dict[Key, Zygote] = {}
        self._hidden = course_folders(problems)

    def _zygote(self, key: Key) -> Zygote:
        zygote = self._zygotes.get(key)
        if zygote is None or not zygote.alive:
            if zygote is not None:
                zygote.kill()
            zygote = Zygote(submission_dir=self.submission_dir, worker_dir=self.worker_dir,
                            harness_root=self.harness_root, preload=key[0], limits=zygote_limits(self._limits[key]),
                            hidden=self._hidden)
            self._zygotes[key] = zygote
        return zygote

    def prepare(self, problems: list[Problem]) -> None:
        for problem in problems:
            self._zygote(key_of(problem))

    def start(self, problem: Problem, deadline: float) -> Worker:
        key = key_of(problem)
        self._limits.setdefault(key, [problem.limits])
        for attempt in (1, 2):
            zygote = self._zygote(key)
            try:
                return zygote.fork(module=problem.module, harness=problem.id if problem.harness else "",
                                   limits=problem.limits, deadline=deadline)
            except WorkerLost:
                if zygote.alive or attempt == 2 or time.monotonic() >= deadline:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        for zygote in self._zygotes.values():
            zygote.close()
        self._zygotes.clear()


class ColdWorkers:
    """A sandbox started for each problem; ``prepare`` starts the next one's while this one is graded."""

    def __init__(self, submission_dir: Path, worker_dir: Path, harness_root: Path | None):
        self.submission_dir = submission_dir
        self.worker_dir = worker_dir
        self.harness_root = harness_root
        self._spare: tuple[str, WorkerProcess] | None = None

    def _spawn(self, problem: Problem) -> WorkerProcess:
        harness = self.harness_root / problem.id if self.harness_root and problem.harness else None
        return WorkerProcess(submission_dir=self.submission_dir, module=problem.module, worker_dir=self.worker_dir,
                             limits=problem.limits, preload=problem.preload, harness_dir=harness)

    def prepare(self, problems: list[Problem]) -> None:
        if problems and self._spare is None:
            self._spare = (problems[0].id, self._spawn(problems[0]))

    def start(self, problem: Problem, deadline: float) -> Worker:
        spare, self._spare = self._spare, None
        if spare is not None and spare[0] == problem.id:
            return spare[1]
        if spare is not None:
            spare[1].kill()
        return self._spawn(problem)

    def close(self) -> None:
        if self._spare is not None:
            self._spare[1].kill()
            self._spare = None


class InProcessWorkers:
    """No sandbox: the student's module is called in this process (benchmarks only)."""

    def __init__(self, submission_dir: Path, harness_root: Path | None):
        self.submission_dir = submission_dir
        self.harness_root = harness_root

    def prepare(self, problems: list[Problem]) -> None:
        pass

    def start(self, problem: Problem, deadline: float) -> Worker:
        from gradekit.grading.inprocess import InProcessWorker

        harness = self.harness_root / problem.id if self.harness_root and problem.harness else None
        return InProcessWorker(submission_dir=self.submission_dir, module=problem.module, harness_dir=harness)

    def close(self) -> None:
        pass

