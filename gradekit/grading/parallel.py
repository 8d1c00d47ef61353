"""The one place that decides who grades which problem of a submission: this process alone, or helpers too.

Hypothesis draws its inputs on the trusted side, in Python, one core per
process: with one process a 2-core laptop grades at half speed. So with a
plan of ``jobs`` > 1, helper processes grade beside this one; with 1, this
process grades every problem itself, through the same claiming loop.

Every process takes the next problem from a shared list, the longest budgets
first, preferring problems whose warm sandbox it already has (``workers``: a
torch sandbox costs seconds to start, and each process has its own): two
processes on a submission of torch and numpy problems split along that line,
and a process starts a second torch sandbox only to take a share of at least
``STEAL_AT_LEAST`` problems (a numpy one, which starts in a tenth of a second,
whenever a problem is left). Each process starts the sandbox of its next
problem before it needs it: the first one while the checks load.

Helpers are forked from this process once the checks are loaded (nothing to
import again) when no thread but the sandboxes' output drains runs here;
otherwise (a progress bar's thread, a caller's) they come from a fork server,
started clean, and load the checks themselves. They send each check's result
back over a queue as it ends, so progress moves. ``grade_one`` grades a
problem (``runner.grade_problem``): passed in, so that this module knows
nothing of how a problem is graded.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from gradekit.grading import termination
from gradekit.grading.plan import GradingPlan, ProblemPlan
from gradekit.grading.problem import Problem
from gradekit.grading.results import CheckResult, ProblemResult
from gradekit.grading.sandbox import DRAIN_THREAD
from gradekit.grading.workers import WorkerSource, key_of, make_source

OnCheck = Callable[[Problem, CheckResult], None]
GradeOne = Callable[..., ProblemResult]  # (planned, source, submission_dir, on_check, *, missing) -> result
STEAL_AT_LEAST = 3  # unclaimed problems of an expensive sandbox another process holds, before this one starts its own
EXPENSIVE_MODULES = frozenset({"torch"})  # a sandbox preloading one takes seconds to start; numpy's, a tenth
_STOP = None  # what the drain thread stops at


@dataclass(frozen=True)
class Work:
    """What every grading process needs: the plan and the staged submission."""

    plan: GradingPlan
    submission_dir: Path
    worker_dir: Path
    harness_root: Path | None
    missing: dict[str, str]  # problem id -> why its module is missing

    def order(self) -> list[int]:
        """Indices of the plan's problems, longest budgets first (no long problem starts last)."""
        problems = self.plan.problems
        return sorted(range(len(problems)), key=lambda i: -problems[i].problem.limits.wall_seconds)

    def source(self) -> WorkerSource:
        return make_source(self.plan.workers, submission_dir=self.submission_dir, worker_dir=self.worker_dir,
                           harness_root=self.harness_root, problems=[p.problem for p in self.plan.problems])


class Claims:
    """Which problems are taken and which sandboxes each process holds: shared by every grading process."""

    def __init__(self, work: Work, taken, holders, lock):
        self.order = work.order()
        self.keys = sorted({key_of(p.problem) for p in work.plan.problems})
        self.key_of = {i: self.keys.index(key_of(work.plan.problems[i].problem)) for i in self.order}
        self.taken, self.holders, self.lock = taken, holders, lock
        self.mine: set[int] = set()  # keys this process holds a sandbox for

    @classmethod
    def local(cls, work: Work) -> Claims:
        keys = {key_of(p.problem) for p in work.plan.problems}
        return cls(work, [False] * len(work.plan.problems), [0] * len(keys), contextlib.nullcontext())

    @classmethod
    def shared(cls, work: Work, context) -> Claims:
        keys = {key_of(p.problem) for p in work.plan.problems}
        return cls(work, context.Array("b", len(work.plan.problems), lock=False),
                   context.Array("i", len(keys), lock=False), context.Lock())

    def shareable(self) -> tuple:
        return self.taken, self.holders, self.lock

    def _choose(self) -> int | None:
        free = [i for i in self.order if not self.taken[i]]
        if not free:
            return None
        for wanted in (lambda k: k in self.mine, lambda k: self.holders[k] == 0):
            chosen = next((i for i in free if wanted(self.key_of[i])), None)
            if chosen is not None:
                return chosen
        crowd = {k: sum(1 for i in free if self.key_of[i] == k) for k in {self.key_of[i] for i in free}}
        return next((i for i in free if crowd[self.key_of[i]] >= STEAL_AT_LEAST
                     or not EXPENSIVE_MODULES & set(self.keys[self.key_of[i]][0])), None)

    def claim(self) -> int | None:
        """The index of the next problem for this process, or None when there is none worth taking."""
        with self.lock:
            chosen = self._choose()
            if chosen is not None:
                self.taken[chosen] = True
                key = self.key_of[chosen]
                if key not in self.mine:
                    self.mine.add(key)
                    self.holders[key] += 1
            return chosen

    def next_guess(self) -> int | None:
        """The problem ``claim`` would give now, without taking it: its sandbox can start early."""
        with self.lock:
            return self._choose()


def _grade_claimed(work: Work, grade_one: GradeOne, claims: Claims, source: WorkerSource,
                   on_check: OnCheck | None, on_result: Callable[[int, ProblemResult], None],
                   first: int | None = None) -> None:
    index = first if first is not None else claims.claim()
    while index is not None:
        upcoming = claims.next_guess()
        if upcoming is not None:  # its sandbox starts while this problem is graded
            source.prepare([work.plan.problems[upcoming].problem])
        planned = work.plan.problems[index]
        result = grade_one(planned, source, work.submission_dir, on_check,
                           missing=work.missing.get(planned.problem.id))
        on_result(index, result)
        index = claims.claim()


_shared: tuple = ()  # (queue, claims' shared state) in each helper process, set by _join


def _join(queue, taken, holders, lock) -> None:
    global _shared
    _shared = (queue, (taken, holders, lock))
    termination.install()  # the grader's SIGTERM ends this helper's worker in order, then the helper


def _helper(work: Work, grade_one: GradeOne) -> None:
    queue, shared = _shared
    claims = Claims(work, *shared)
    with termination.exit_when_terminated():
        source = work.source()
        try:
            _grade_claimed(work, grade_one, claims, source,
                           on_check=lambda problem, result: queue.put(("check", problem.id, result)),
                           on_result=lambda index, result: queue.put(("problem", index, result)))
        finally:
            source.close()


def _helper_context():
    """Fork (nothing to load again) where only this module's own kind of threads run; else a fork server."""
    others = [t for t in threading.enumerate()
              if t is not threading.current_thread() and not t.name.startswith(DRAIN_THREAD)]
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and not others:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["gradekit.grading.runner"])
        return context
    return multiprocessing.get_context("spawn")  # Windows: slower to start, as clean


def grade_problems(work: Work, grade_one: GradeOne, *, on_check: OnCheck | None,
                   on_lost: Callable[[ProblemPlan, str], ProblemResult],
                   on_plan: Callable[[GradingPlan], None] | None = None) -> list[ProblemResult]:
    """The problems' results in the plan's order, graded by this process and ``plan.jobs - 1`` helpers.

    ``on_lost`` makes the result of a problem whose helper died. Called from a
    script, that script must guard its top level with ``if __name__ ==
    "__main__":`` where helpers come from a fork server; unguarded, they fail to
    start and this process grades every problem.
    """
    plan = work.plan
    results: dict[int, ProblemResult] = {}
    source = work.source()
    try:
        helpers = plan.jobs - 1
        context = _helper_context() if helpers else None
        claims = Claims.shared(work, context) if context else Claims.local(work)
        first = claims.claim()
        if first is not None:  # its sandbox starts while the checks load
            source.prepare([plan.problems[first].problem] if helpers else [p.problem for p in plan.problems])
        plan.load_checks()
        if on_plan:
            on_plan(plan)
        keep = results.__setitem__
        if not helpers:
            _grade_claimed(work, grade_one, claims, source, on_check, keep, first)
        else:
            _grade_with_helpers(work, grade_one, claims, source, context, helpers, on_check, keep, first)
    finally:
        source.close()
    return [results.get(i) or on_lost(p, "not graded: the process grading it stopped")
            for i, p in enumerate(plan.problems)]


def _grade_with_helpers(work: Work, grade_one: GradeOne, claims: Claims, source: WorkerSource, context,
                        helpers: int, on_check: OnCheck | None, keep: Callable[[int, ProblemResult], None],
                        first: int | None) -> None:
    by_id = {p.problem.id: p.problem for p in work.plan.problems}
    queue = context.SimpleQueue()

    def drain() -> None:
        while (item := queue.get()) is not _STOP:
            kind, key, value = item
            if kind == "problem":
                keep(key, value)
            elif on_check is not None:
                try:
                    on_check(by_id[key], value)
                except Exception:  # progress is a nicety: the queue must keep draining, or helpers block
                    pass

    drainer = None
    try:
        with ProcessPoolExecutor(max_workers=helpers, mp_context=context, initializer=_join,
                                 initargs=(queue, *claims.shareable())) as pool:
            started = [pool.submit(_helper, work, grade_one) for _ in range(helpers)]  # forked here, before
            drainer = threading.Thread(target=drain, daemon=True)                       # any thread of ours
            drainer.start()
            _grade_claimed(work, grade_one, claims, source, on_check, keep, first)
            for helper in started:
                try:
                    helper.result()
                except Exception:  # BrokenProcessPool and the like: its problem is reported lost
                    pass
    finally:
        queue.put(_STOP)
        if drainer is not None:
            drainer.join(timeout=10)
