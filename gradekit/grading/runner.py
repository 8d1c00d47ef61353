"""Grade a submission: its problems' checks run here, each problem's calls answered by a sandboxed worker.

The layers, in the order a submission flows through them:

- ``grade_submission`` copies the folder (``staging``), turns its notebooks
  into modules once (``notebook``), makes the ``GradingPlan`` (``plan``: each
  problem's checks, the isolation, the processes) and hands it to ``parallel``,
  the one place that decides whether problems are graded here alone or by
  helper processes too;
- each process grades the problems it claims with ``grade_problem``, from a
  ``WorkerSource`` of its own (``workers``: one warm sandbox per submission,
  a fresh forked worker per problem);
- ``run_check`` runs one check against the ``Student`` proxy and turns
  whatever happens into a ``CheckResult``.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from hypothesis.reporting import with_reporter

from gradekit.grading import notebook, parallel, staging
from gradekit.grading.attachments import collecting
from gradekit.grading.checks import CheckFailed, CheckSpec
from gradekit.grading.plan import GradingPlan, ProblemPlan, plan_grading
from gradekit.grading.problem import Problem
from gradekit.grading.results import CheckResult, ProblemResult, Status, SubmissionReport
from gradekit.grading.sandbox import WorkerLost, make_staging_dir, stage_worker
from gradekit.grading.student import Student, StudentRaised
from gradekit.grading.workers import Worker, WorkerSource, make_source, stage_harnesses

MAX_WORKER_LOSSES = 2  # after this many crashes or hangs, the problem's other checks are not run

OnCheck = Callable[[Problem, CheckResult], None]


class ProblemSession:
    """The worker serving one problem: restarted after a crash, bounded by the problem's budget.

    ``source`` gives the workers (``workers``); without one, the session makes
    a warm sandbox of its own for this problem (reference and design runs).
    """

    def __init__(self, problem: Problem, submission_dir: Path, worker_dir: Path | None = None,
                 source: WorkerSource | None = None):
        self.problem = problem
        self.deadline = time.monotonic() + problem.limits.wall_seconds
        self.worker: Worker | None = None
        self._own_source = source is None
        if source is None:
            assert worker_dir is not None, "a session without a source stages its own sandbox beside worker_dir"
            harness_root = stage_harnesses([problem], worker_dir.parent / "harness")
            source = make_source("warm", submission_dir=submission_dir, worker_dir=worker_dir,
                                 harness_root=harness_root, problems=[problem])
        self.source = source
        self.losses = 0
        self.timed_out = False
        self.printed: list[str] = []

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def start(self) -> dict:
        """Start a worker and import the student's module; return the worker's import report."""
        limits = self.problem.limits
        if self.remaining() <= 0:
            self.timed_out = True
            raise WorkerLost(f"ran out of the problem's time budget of {limits.wall_seconds:g} s",
                             timed_out=True)
        budget = min(limits.import_seconds, self.remaining())  # starting the worker is part of it
        deadline = time.monotonic() + budget
        try:
            self.worker = self.source.start(self.problem, deadline)
        except WorkerLost as lost:
            self.losses += 1
            self.timed_out |= lost.timed_out and self.remaining() <= 0
            raise
        header, _ = self._guarded(lambda w: w.request({"op": "import"}, None,
                                                       max(deadline - time.monotonic(), 0.01), budget=budget))
        return header

    def request(self, header: dict, value: Any) -> tuple[dict, Any]:
        if self.worker is None:
            report = self.start()
            if report.get("ok") is not True:
                raise WorkerLost("could not be imported again after a crash")
        timeout = min(self.problem.limits.call_seconds, max(self.remaining(), 0.01))
        return self._guarded(lambda w: w.request(header, value, timeout))

    def _guarded(self, action):
        try:
            return action(self.worker)
        except WorkerLost as lost:
            self._retire()
            self.losses += 1
            self.timed_out |= lost.timed_out and self.remaining() <= 0
            raise

    def _retire(self) -> None:
        if self.worker is not None:
            self.worker.kill()
            self.printed.append(self.worker.output())
            self.worker = None

    def close(self) -> None:
        if self.worker is not None:
            self.worker.close()
            self.printed.append(self.worker.output())
            self.worker = None
        if self._own_source:
            self.source.close()

    def output(self) -> str:
        return "".join(self.printed)


def grade_submission(submission: Path, problems: list[Problem], *, include_hidden: bool = True,
                     on_check: OnCheck | None = None, jobs: int = 1,
                     on_plan: Callable[[GradingPlan], None] | None = None) -> SubmissionReport:
    """Grade every problem of ``submission``; never raises for anything the submission does.

    The submission is copied once (``staging``: capped, links followed only
    inside it) and its notebooks read once (``notebook``), whatever the number
    of problems. ``jobs`` trusted processes grade the problems (``parallel``);
    ``on_plan`` hears the plan once its checks are listed (a progress bar's total).
    """
    submission = Path(submission)
    plan = plan_grading(problems, include_hidden=include_hidden, jobs=jobs)
    warnings = list(plan.warnings)
    staging_dir = make_staging_dir()
    try:
        worker_dir = stage_worker(staging_dir / "worker")
        staged = staging.stage(submission, staging_dir / "submission")
        warnings += staged.notes()
        if staged.error:
            if on_plan:
                on_plan(plan)
            return SubmissionReport(str(submission), [
                _all_failed(p.problem, p.checks, "error", staged.error, on_check) for p in plan.problems], warnings)
        copy = staged.path
        missing = _modules_from_notebooks(copy, problems, staged)
        harness_root = stage_harnesses(problems, staging_dir / "harness")
        work = parallel.Work(plan, copy, worker_dir, harness_root, missing)
        results = parallel.grade_problems(work, grade_problem, on_check=on_check, on_plan=on_plan,
                                          on_lost=lambda p, why: _all_failed(p.problem, p.checks, "error", why,
                                                                             on_check))
        return SubmissionReport(str(submission), results, warnings)
    finally:
        shutil.rmtree(staging_dir, ignore_errors=True)


def copy_submission(source: Path, target: Path) -> tuple[Path, str | None]:
    """A private copy (``staging.stage``): the student's folder is never touched."""
    staged = staging.stage(Path(source), Path(target))
    return staged.path, staged.error


def _modules_from_notebooks(copy: Path, problems: list[Problem], staged: staging.Staged) -> dict[str, str]:
    """Write each problem's module from the notebooks where the copy lacks it; every notebook is read
    once. Returns, for each problem still without its module, why (problem id -> message)."""
    lacking = [p for p in problems if not (copy / f"{p.module}.py").is_file()]
    notebooks = notebook.read_notebooks(copy) if lacking else []
    missing = {}
    for problem in lacking:
        module_file = copy / f"{problem.module}.py"
        generated = notebook.module_for(notebooks, problem.names)
        if generated is not None and not module_file.exists():
            module_file.write_text(generated, encoding="utf-8", errors="replace")
            module_file.chmod(0o644)
            continue
        why = f"{problem.module}.py is missing (and no notebook defines {', '.join(problem.names)})"
        if module_file.name in staged.left_out:
            why = f"{problem.module}.py is missing: it {staged.left_out[module_file.name].removeprefix('it ')}"
        if unread := notebook.unreadable(notebooks):
            why += f"; {unread}"
        missing[problem.id] = why
    return missing


def grade_problem(planned: ProblemPlan, source: WorkerSource, submission_dir: Path,
                  on_check: OnCheck | None = None, *, missing: str | None = None) -> ProblemResult:
    """Grade one problem with a worker from ``source``.

    ``missing`` says why the submission lacks the problem's module (``grade_submission``
    wrote the notebooks' modules before). Whatever the submission did, this returns a
    result: a failure of the grader itself on it fails the problem's checks, saying so.
    """
    try:
        return _grade_problem(planned, source, submission_dir, on_check, missing)
    except Exception as error:  # noqa: BLE001  (a bug of ours that one submission triggers must not stop the rest)
        why = (f"the grader failed on this problem ({type(error).__name__}: {str(error)[:300]}); "
               "please tell your instructor")
        return _all_failed(planned.problem, planned.checks, "error", why, on_check)


def _grade_problem(planned: ProblemPlan, source: WorkerSource, submission_dir: Path, on_check: OnCheck | None,
                   missing: str | None) -> ProblemResult:
    problem, checks = planned.problem, list(planned.checks)
    started = time.monotonic()
    if not (submission_dir / f"{problem.module}.py").is_file():
        return _all_failed(problem, checks, "missing", missing or f"{problem.module}.py is missing", on_check)
    session = ProblemSession(problem, submission_dir, source=source)
    try:
        try:
            report = session.start()
        except WorkerLost as lost:
            status: Status = "timeout" if lost.timed_out else "error"
            return _all_failed(problem, checks, status, f"importing {problem.module}.py: your code {lost.message}",
                               on_check, session.output())
        if report.get("ok") is not True:
            raised = StudentRaised(problem.module, report.get("error"))
            message = f"importing {problem.module}.py raised {raised.type}: {raised.error_message}"
            if raised.student_traceback:
                message += "\n" + raised.student_traceback.rstrip()
            return _all_failed(problem, checks, "error", message, on_check, session.output())
        student = Student(session, problem.names)
        results = []
        blocked = None  # set when a precondition fails: then no other check runs
        for spec in sorted(checks, key=lambda c: not c.precondition):  # preconditions first, else in order
            if blocked is not None:
                result = _failed(spec, blocked)
            elif session.losses >= MAX_WORKER_LOSSES:
                result = _failed(spec, "not run: your code crashed or hung twice already on this problem")
            elif session.remaining() <= 0:
                session.timed_out = True
                result = _failed(spec, f"not run: the problem's time budget of "
                                       f"{problem.limits.wall_seconds:g} s ran out")
            else:
                result = run_check(spec, student)
                if spec.precondition and not result.passed:
                    blocked = f"not run: {spec.name} failed: {result.message[len(spec.description) + 2:]}"
            results.append(result)
            if on_check:
                on_check(problem, result)
    finally:
        session.close()
    status = "timeout" if session.timed_out else "graded"
    return ProblemResult(problem.id, problem.title, status, results, _max_score(checks),
                         session.output(), time.monotonic() - started)


def run_check(spec: CheckSpec, student: Student) -> CheckResult:
    with collecting() as attached:  # what the check drew of the student's model and measured, passed or failed
        result = _run_check(spec, student)
    return replace(result, figures=tuple(attached.figures), measurements=tuple(attached.measurements))


def _run_check(spec: CheckSpec, student: Student) -> CheckResult:
    public = spec.visibility == "public"
    try:
        with with_reporter(lambda text: None):  # hypothesis' notes go to the exception, not stdout
            note = spec.function(student)
    except CheckFailed as failed:
        parts = [failed.message]
        if public and failed.detail:
            parts.append(failed.detail)
        return _failed(spec, "; ".join(parts) + _smallest_input(failed, public))
    except StudentRaised as raised:
        message = raised.describe() + _smallest_input(raised, public)
        if raised.student_traceback:
            message += "\n" + raised.student_traceback.rstrip()
        return _failed(spec, message)
    except WorkerLost as lost:
        return _failed(spec, f"your code {lost.message}")
    except Exception as error:  # hypothesis' Flaky, or a bug in the check itself
        name = type(error).__name__
        if name in ("Flaky", "FlakyFailure", "FlakyReplay"):
            return _failed(spec, "your code gave different results for the same input")
        return _failed(spec, f"internal error in this check ({name}: {error}); please tell your instructor")
    note = note if isinstance(note, str) else ""
    message = f"{spec.description}: {note}" if note else spec.description
    return CheckResult(spec.name, spec.points, spec.points, spec.visibility, True, message, note)


def _smallest_input(error: BaseException, public: bool) -> str:
    """The falsifying example hypothesis found and shrank, for public checks only."""
    if not public:
        return ""
    for note in getattr(error, "__notes__", []):
        if note.startswith(("Falsifying example", "Falsifying explicit example", "Failing test case")):
            arguments = [line.split("  # ")[0].strip().rstrip(",") for line in note.splitlines()[1:-1]]
            shown = [a for a in arguments if a and not a.startswith("student=")]
            if shown:
                return "\nsmallest failing input: " + ", ".join(shown)
    return ""


def failed_report(submission: Path, problems: list[Problem], why: str, *,
                  include_hidden: bool = True) -> SubmissionReport:
    """A report failing every check for ``why``: for a submission the grader itself could not grade."""
    plan = plan_grading(problems, include_hidden=include_hidden)
    results = [_all_failed(p.problem, p.checks, "error", why) for p in plan.problems]
    return SubmissionReport(str(submission), results, [why])


def _failed(spec: CheckSpec, why: str) -> CheckResult:
    return CheckResult(spec.name, 0.0, spec.points, spec.visibility, False, f"{spec.description}: {why}")


def _all_failed(problem: Problem, checks: Sequence[CheckSpec], status: Status, why: str,
                on_check: OnCheck | None = None, output: str = "") -> ProblemResult:
    results = [_failed(spec, why) for spec in checks]
    if on_check:
        for result in results:
            on_check(problem, result)
    return ProblemResult(problem.id, problem.title, status, results, _max_score(checks), output)


def _max_score(checks: Sequence[CheckSpec]) -> float:
    return sum(spec.points for spec in checks)
