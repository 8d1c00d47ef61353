"""Grade the problems of one submission in several trusted processes at once.

Hypothesis draws its inputs on the trusted side, in Python, one core per
process: with one process a 2-core laptop grades at half speed. Each problem
still gets its own sandboxed worker; only the trusted checking is spread out.

The calling process grades too, from the first moment, while helper processes
start; every process takes the next problem from a shared counter, the
longest budgets first. Helpers come from a fork server (started clean, so no
thread of the caller, such as a progress bar's, is copied into them mid-lock)
and send each check's result back over a queue as it ends, so progress moves.
"""

from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Callable

from gradekit.grading import termination
from gradekit.grading.problem import Problem
from gradekit.grading.results import CheckResult, ProblemResult

OnCheck = Callable[[Problem, CheckResult], None]
_STOP = None  # what the drain thread stops at

_shared: tuple = ()  # (queue, counter) in each helper process, set by _join


def _join(queue, counter) -> None:
    global _shared
    _shared = (queue, counter)
    termination.install()  # the grader's SIGTERM ends this helper's worker in order, then the helper


def _claim(counter, count: int) -> int | None:
    """The index of the next problem nobody has taken, or None when all are taken."""
    with counter.get_lock():
        index = counter.value
        if index >= count:
            return None
        counter.value = index + 1
        return index


def _grade_claimed(problems: list[Problem], include_hidden: bool, submission_dir: Path, worker_dir: Path,
                   counter, on_check: OnCheck | None,
                   on_result: Callable[[int, ProblemResult], None], missing: dict[str, str]) -> None:
    from gradekit.grading.runner import grade_problem

    while (index := _claim(counter, len(problems))) is not None:
        problem = problems[index]
        result = grade_problem(problem, problem.all_checks(include_hidden), submission_dir, worker_dir, on_check,
                               missing=missing.get(problem.id))
        on_result(index, result)


def _helper(problems: list[Problem], include_hidden: bool, submission_dir: Path, worker_dir: Path,
            missing: dict[str, str]) -> None:
    queue, counter = _shared
    with termination.exit_when_terminated():
        _grade_claimed(problems, include_hidden, submission_dir, worker_dir, counter,
                       on_check=lambda problem, result: queue.put(("check", problem.id, result)),
                       on_result=lambda index, result: queue.put(("problem", index, result)), missing=missing)


def grade_problems(problems: list[Problem], include_hidden: bool, submission_dir: Path, worker_dir: Path,
                   jobs: int, on_check: OnCheck | None,
                   on_lost: Callable[[Problem, str], ProblemResult],
                   missing: dict[str, str] | None = None) -> list[ProblemResult]:
    """The problems' results in their order, graded by this process and ``jobs`` - 1 helpers.

    ``missing`` says why a problem's module is missing (problem id -> message). ``on_lost`` makes the result of a problem whose helper died. Called from a
    script, that script must guard its top level with ``if __name__ ==
    "__main__":`` as multiprocessing asks; unguarded, the helpers fail to start
    (with multiprocessing's traceback) and this process grades every problem.
    """
    ordered = sorted(problems, key=lambda p: -p.limits.wall_seconds)  # no long problem starts last
    by_id = {p.id: p for p in problems}
    results: dict[str, ProblemResult] = {}
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["gradekit.grading.runner"])
    else:  # Windows: slower to start, as clean
        context = multiprocessing.get_context("spawn")
    queue, counter = context.SimpleQueue(), context.Value("i", 0)

    def drain() -> None:
        while (item := queue.get()) is not _STOP:
            kind, key, value = item
            if kind == "problem":
                results[ordered[key].id] = value
            elif on_check is not None:
                try:
                    on_check(by_id[key], value)
                except Exception:  # progress is a nicety: the queue must keep draining, or helpers block
                    pass

    drainer = threading.Thread(target=drain, daemon=True)
    drainer.start()
    try:
        with ProcessPoolExecutor(max_workers=jobs - 1, mp_context=context,
                                 initializer=_join, initargs=(queue, counter)) as pool:
            helpers = [pool.submit(_helper, ordered, include_hidden, submission_dir, worker_dir, missing or {})
                       for _ in range(min(jobs, len(problems)) - 1)]
            _grade_claimed(ordered, include_hidden, submission_dir, worker_dir, counter, on_check,
                           on_result=lambda index, result: results.__setitem__(ordered[index].id, result),
                           missing=missing or {})
            for helper in helpers:
                try:
                    helper.result()
                except Exception:  # BrokenProcessPool and the like: its problem is reported lost below
                    pass
    finally:
        queue.put(_STOP)
        drainer.join(timeout=10)
    return [results.get(p.id) or on_lost(p, "not graded: the process grading it stopped") for p in problems]
