"""Grade a whole class: one job per student folder, on local processes or a Dask cluster.

Each job grades one student's folder with ``grade_submission`` (the sandbox
runs where the job runs) and sends back plain dictionaries: the JSON report
and Gradescope's ``results.json``. Jobs run in processes, never threads,
because hypothesis is not thread-safe.

Only this process writes results, each atomically (a temporary file, then
``os.replace``) as soon as its student is done, so a run killed at any moment
leaves only complete reports; the next run grades only the students without
one. ``grades.csv`` is rebuilt from the reports at the end: one row per report
file, so no student is ever listed twice or left out. One run at a time holds
the output folder (``output.exclusive``); a write the disk refuses stops the
run with an ``OutputError`` and leaves the reports already written intact.

A student is named by ``student_name(folder)``: the folder's own name unless
it holds control characters, bytes that are not UTF-8, ``%`` or ``~`` (then
those as ``%XX``; see ``safe_text.file_stem``) or ends in ``.results`` (then
``%2Eresults``, so that no report is taken for Gradescope's results file of
another student), so every name makes a safe report file and a row of
grades.csv that leads back to the folder, and no name stops the class.
Cells of grades.csv that a spreadsheet would run as
a formula (a folder named ``=HYPERLINK(...)``) start with a ``'``.

A job whose grading process died (killed from outside, say) is run again
alone; if it fails for a reason of the grader's own, the student gets a
report that fails every check and records the ``grader_error``, and the next
run grades that student again.
"""

from __future__ import annotations

import csv
import ctypes
import io
import json
import multiprocessing
import os
import signal
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Generator, Mapping
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from gradekit.course.assignment import Assignment
from gradekit.course.fingerprint import grading_stamp, student_stamp
from gradekit.course.graded import grade_under
from gradekit.grading import sandbox, termination
from gradekit.grading.attachments import figure_files, write_figures
from gradekit.grading.output import (  # noqa: F401 (re-exported)
    OutputError,
    OutputInUse,
    exclusive,
    make_folder,
    remove_partial_writes,
    write_atomically,
)
from gradekit.grading.problem import Problem
from gradekit.grading.report import to_gradescope
from gradekit.grading.runner import copy_submission, failed_report, grade_submission
from gradekit.safe_text import clean, csv_cell, file_stem

REPORT_SUFFIX = ".json"
GRADESCOPE_SUFFIX = ".results.json"
CSV_NAME = "grades.csv"


@dataclass(frozen=True)
class StudentJob:
    """Grade one student's folder against ``problems``."""

    student: str  # student_name(folder): the student's id in grades.csv and the reports' file names
    folder: str  # where the folder is on the machine that made the job
    problems: tuple[Problem, ...]
    include_hidden: bool = True
    files: tuple[tuple[str, bytes], ...] | None = None  # its content, for graders that cannot see ``folder``
    assignment: Assignment | None = None  # its points and late policy shape the report
    submitted_at: datetime | None = None  # from submissions.csv; None: no late penalty


@dataclass(frozen=True)
class StudentGrade:
    """What a job sends back: plain data, written to disk by the process that made the job."""

    student: str
    report: dict  # SubmissionReport.to_json(), plus "grader_error" when the grader failed
    gradescope: dict  # Gradescope's results.json
    seconds: float
    figures: tuple[tuple[str, bytes], ...] = ()  # PNGs the checks drew (``attachments``), by file


def grade_job(job: StudentJob) -> StudentGrade:
    """Run one job, in the main thread of a process: hypothesis is not thread-safe.

    Where it runs (a local process, a Dask worker's child) is where the sandbox runs.
    """
    started = time.monotonic()
    if job.files is None:
        report = grade_submission(Path(job.folder), list(job.problems), include_hidden=job.include_hidden)
    else:
        with tempfile.TemporaryDirectory(prefix="gradekit-job-") as scratch:
            folder = Path(scratch) / job.student
            unpack_folder(job.files, folder)
            report = grade_submission(folder, list(job.problems), include_hidden=job.include_hidden)
        report = replace(report, submission=job.folder)
    return _grade_of(job, report, time.monotonic() - started)


def _grade_of(job: StudentJob, report, seconds: float) -> StudentGrade:
    if job.assignment is None:
        return StudentGrade(job.student, report.to_json(), to_gradescope(report), seconds, figure_files(report))
    graded = grade_under(report, job.assignment, job.submitted_at)
    return StudentGrade(job.student, graded.to_json(), graded.to_gradescope(), seconds, figure_files(report))


_child: list[ProcessPoolExecutor] = []  # a Dask worker's grading process, started on its first job
_child_lock = threading.Lock()  # a Dask worker may run several tasks at once, on threads


def grade_job_in_child(job: StudentJob) -> StudentGrade:
    """``grade_job`` in a single-threaded child process of this (Dask worker) process.

    A Dask worker runs tasks on threads beside its event loop: hypothesis would
    share the global random state with them, and forking the sandbox from a
    process full of threads is fragile. The child is kept for the next jobs;
    if it died (killed, or the thread that started it ended), a fresh one
    takes the job.
    """
    child = _grading_child()
    try:
        return child.submit(grade_job, job).result()
    except BrokenProcessPool:
        _discard_child(child)
        return _grading_child().submit(grade_job, job).result()


def _grading_child() -> ProcessPoolExecutor:
    with _child_lock:
        if not _child:
            # Dask starts its workers as daemons, which multiprocessing forbids children (Dask's
            # own switch is the config distributed.worker.daemon = False); ours dies with us.
            multiprocessing.current_process().daemon = False
            _child.append(_process_pool(1))
        return _child[0]


def _discard_child(child: ProcessPoolExecutor) -> None:
    with _child_lock:
        if _child and _child[0] is child:
            _child.pop().shutdown(wait=False)


def _process_pool(workers: int) -> ProcessPoolExecutor:
    context = multiprocessing.get_context("spawn")  # never fork a process that holds threads
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_pool_process)


def grader_error_grade(job: StudentJob, error: BaseException) -> StudentGrade:
    """The grade of a student the grader itself failed to grade: every check failed, and why."""
    why = clean(f"the grader failed on this submission ({type(error).__name__}: {error}); it will be retried")
    report = failed_report(Path(job.folder), list(job.problems), why, include_hidden=job.include_hidden)
    grade = _grade_of(job, report, 0.0)
    return replace(grade, report={**grade.report, "grader_error": why})


# ---------------------------------------------------------------- shipping a folder to a remote grader


def pack_folder(folder: Path) -> tuple[tuple[str, bytes], ...]:
    """The files a grading would copy (regular files, links only within the folder, size-capped)."""
    with tempfile.TemporaryDirectory(prefix="gradekit-pack-") as scratch:
        copy, error = copy_submission(folder, Path(scratch) / "copy")
        if error:
            return ()  # graded as the empty folder it is here; the runner reports the same error
        return tuple((p.relative_to(copy).as_posix(), p.read_bytes())
                     for p in sorted(copy.rglob("*")) if p.is_file() and not p.is_symlink())


def unpack_folder(files: tuple[tuple[str, bytes], ...], folder: Path) -> None:
    folder.mkdir(parents=True)
    for name, data in files:
        path = (folder / name).resolve()
        if not path.is_relative_to(folder.resolve()):
            raise ValueError(f"a packed file escapes its folder: {name!r}")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


# ---------------------------------------------------------------- running the jobs


Outcome = tuple[StudentJob, "StudentGrade | BaseException"]


def _start_pool_process() -> None:
    """Pool processes die with the grader, and their sandboxes with them (``--die-with-parent``).

    SIGTERM (the grader passes its own on) stops the job in order, its sandbox
    ended and its staging copy removed, then the process (``termination``).
    """
    prctl = getattr(ctypes.CDLL(None, use_errno=True), "prctl", None)
    if prctl is not None:
        prctl(sandbox.PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    termination.install()


def _grade_job_in_pool(job: StudentJob) -> StudentGrade:
    with termination.exit_when_terminated():
        return grade_job(job)


def run_local(jobs: list[StudentJob], workers: int) -> Generator[Outcome, None, None]:
    """Run ``jobs`` on ``workers`` processes; yield each job with its grade as it finishes.

    At most ``workers + 1`` jobs are handed out at a time (one waits in the
    pool's queue, so no process idles while we write a report), so when a
    process dies (killed from outside, or by student code where there is no
    PID namespace) and the pool breaks, the jobs that may have been running
    are known: each is run again alone, and one that breaks a pool by itself
    gets an error.
    """
    waiting = deque(jobs)
    while waiting:
        suspects: list[StudentJob] = []
        yield from _run_pool(waiting, workers, suspects)
        for job in suspects:
            alone: list[StudentJob] = []
            yield from _run_pool(deque([job]), 1, alone)
            for culprit in alone:
                yield culprit, BrokenProcessPool("the grading process died twice on this submission")


def _run_pool(waiting: deque[StudentJob], workers: int, suspects: list[StudentJob]) -> Generator[Outcome, None, None]:
    """Run jobs from ``waiting`` until it is empty or the pool breaks (its running jobs go to ``suspects``)."""
    pool = _process_pool(workers)
    running: dict[Future, StudentJob] = {}
    try:
        while waiting or running:
            while waiting and len(running) <= workers:
                job = waiting.popleft()
                running[pool.submit(_grade_job_in_pool, job)] = job
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            broken = False
            for future in done:
                job = running.pop(future)
                try:
                    yield job, future.result()
                except BrokenProcessPool:
                    suspects.append(job)
                    broken = True
                except Exception as error:  # the grader's own failure on this job
                    yield job, error
            if broken:
                suspects.extend(running.values())
                return
    finally:
        # idle or broken by now, unless we were stopped (a signal, a full disk): then the running jobs
        # are stopped in order (each ends its sandbox and removes its staging copy) and awaited
        if running:
            for process in list((getattr(pool, "_processes", None) or {}).values()):
                process.terminate()
        pool.shutdown(wait=True, cancel_futures=True)


def run_dask(jobs: list[StudentJob], address: str) -> Generator[Outcome, None, None]:
    """Run ``jobs`` on the Dask cluster whose scheduler is at ``address``.

    Each job carries the student's files, so workers need gradekit and the
    problems (the same checkout, at the same path) but not the submissions.
    Folders are packed only when a job is handed out, two per worker thread at
    most, so a large class is never all in memory. Dask reruns a job whose
    worker died, up to its ``allowed-failures``.
    """
    from distributed import Client
    from distributed import as_completed as dask_completed

    waiting = deque(jobs)
    handed_out = {}  # Dask future -> its job
    with Client(address) as client:
        def submit():
            job = waiting.popleft()
            future = client.submit(grade_job_in_child, replace(job, files=pack_folder(Path(job.folder))),
                                   pure=False, key=f"gradekit-{job.student}-{os.urandom(4).hex()}")
            handed_out[future] = job
            return future

        window = 2 * max(1, sum(client.nthreads().values()))
        running = dask_completed([submit() for _ in range(min(window, len(waiting)))])
        for future in running:
            job = handed_out.pop(future)
            if waiting:
                running.add(submit())
            try:
                yield job, future.result()
            except Exception as error:  # KilledWorker, or the grader's own failure on this job
                yield job, error


# ---------------------------------------------------------------- the class


@dataclass
class ClassResult:
    out: Path
    students: list[str]
    graded: list[str] = field(default_factory=list)  # by this run
    skipped: list[str] = field(default_factory=list)  # graded by an earlier run
    stale: list[str] = field(default_factory=list)  # graded again: their report was for other problems or checks
    grader_errors: list[str] = field(default_factory=list)

    @property
    def csv(self) -> Path:
        return self.out / CSV_NAME


OnGraded = Callable[[StudentGrade], None]


def student_folders(submissions: Path, out: Path) -> list[Path]:
    """One folder per student: the visible sub-folders of ``submissions``, except ``out``."""
    out = out.resolve()
    folders = [p for p in sorted(submissions.iterdir())
               if p.is_dir() and not p.name.startswith(".") and p.resolve() != out]
    return folders


def student_name(folder: Path) -> str:
    """The student's id: ``file_stem`` of the folder's name, with a final ``.results`` as ``%2Eresults``."""
    stem = file_stem(folder.name)
    return f"{stem[:-len('.results')]}%2Eresults" if stem.endswith(".results") else stem


def grade_class(submissions: Path, out: Path, problems: list[Problem], *, workers: int = 1,
                scheduler: str | None = None, regrade: bool = False, gradescope: bool = False,
                include_hidden: bool = True, on_graded: OnGraded | None = None,
                on_start: Callable[[int, int], None] | None = None, assignment: Assignment | None = None,
                submitted: Mapping[str, datetime] | None = None) -> ClassResult:
    """Grade every student folder of ``submissions`` not graded yet; write reports and grades.csv.

    Each report records its ``grading`` stamp (the assignment, the problems, a
    fingerprint of their checks, the submission time); a report with another
    stamp is stale and its student is graded again. ``submitted`` maps a
    student folder's name to its submission time, for ``assignment``'s late policy.
    ``on_start(total, already_graded)`` and ``on_graded(grade)`` report progress.
    ``OutputInUse`` if another run holds ``out``; ``OutputError`` if a report
    cannot be written (the run stops; the reports written are intact).
    """
    submissions, out = Path(submissions), Path(out)
    make_folder(out)
    with exclusive(out):
        remove_partial_writes(out)
        sandbox.remove_stale_staging()
        folders = student_folders(submissions, out)
        result = ClassResult(out, [student_name(p) for p in folders])
        todo = []
        run_stamp = grading_stamp(problems, assignment)
        stamps = {}
        for folder in folders:
            student = student_name(folder)
            when = (submitted or {}).get(folder.name)
            stamps[student] = student_stamp(run_stamp, when)
            graded_before = _already_graded(out, student, gradescope)
            if not regrade and graded_before and graded_before.get("grading") == stamps[student]:
                result.skipped.append(student)
            else:
                if not regrade and graded_before:
                    result.stale.append(student)
                todo.append(StudentJob(student, str(folder), tuple(problems), include_hidden,
                                       assignment=assignment, submitted_at=when))
        if on_start:
            on_start(len(folders), len(result.skipped))
        outcomes = run_dask(todo, scheduler) if scheduler else run_local(todo, max(1, workers))
        try:
            for job, outcome in outcomes:
                grade = outcome if isinstance(outcome, StudentGrade) else grader_error_grade(job, outcome)
                grade = replace(grade, report={**grade.report, "grading": stamps[job.student]})
                write_grade(out, grade, gradescope=gradescope)
                (result.grader_errors if "grader_error" in grade.report else result.graded).append(job.student)
                if on_graded:
                    on_graded(grade)
        finally:
            outcomes.close()  # stopped early: the pool's running jobs end before the lock is let go
        write_csv(out, [p.id for p in problems], stamp=run_stamp)
    return result


def _already_graded(out: Path, student: str, gradescope: bool) -> dict | None:
    """The student's report, if a complete one is there (whatever it was graded against)."""
    report = read_report(out / f"{student}{REPORT_SUFFIX}")
    if report is None or "grader_error" in report:
        return None
    return report if not gradescope or (out / f"{student}{GRADESCOPE_SUFFIX}").is_file() else None


def read_report(path: Path) -> dict | None:
    """A report written by ``write_grade``, or None if there is none (or it is not one)."""
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    is_report = isinstance(report, dict) and isinstance(report.get("problems"), list) and "score" in report
    return report if is_report else None


# ---------------------------------------------------------------- writing, atomically


def write_grade(out: Path, grade: StudentGrade, *, gradescope: bool) -> None:
    if gradescope:  # first, so that a report on disk always has its results.json beside it
        write_atomically(out / f"{grade.student}{GRADESCOPE_SUFFIX}", json.dumps(grade.gradescope, indent=2))
    write_figures(out, grade.student, grade.figures)  # before the report, which names them
    write_atomically(out / f"{grade.student}{REPORT_SUFFIX}", json.dumps(grade.report, indent=2))


def write_csv(out: Path, problem_ids: list[str], *, stamp: dict | None = None) -> Path:
    """grades.csv from every report in ``out``: student, score, max_score, one column per problem.

    With ``stamp``, only the reports graded against it (another assignment's
    stay on disk, out of this CSV); ``late_penalty`` (the share taken off) when
    a report has one. Text cells go through ``csv_cell`` (no formulas); numbers are ours.
    """
    reports = {}
    for path in sorted(out.glob(f"*{REPORT_SUFFIX}")):
        if path.name.endswith(GRADESCOPE_SUFFIX):
            continue
        report = read_report(path)
        if report is not None and (stamp is None or _same_run(report.get("grading"), stamp)):
            reports[path.name[: -len(REPORT_SUFFIX)]] = report
    columns = list(problem_ids)
    for report in reports.values():
        columns += [p["id"] for p in report["problems"] if p["id"] not in columns]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    late = any("late" in report for report in reports.values())
    writer.writerow(["student", "score", "max_score", *(["late_penalty"] if late else []), *map(csv_cell, columns)])
    for student, report in reports.items():
        scores = {p["id"]: p["score"] for p in report["problems"]}
        penalty = [_number(report["late"]["penalty"]) if "late" in report else ""] if late else []
        writer.writerow([csv_cell(student), _number(report["score"]), _number(report["max_score"]), *penalty,
                         *(_number(scores[c]) if c in scores else "" for c in columns)])
    path = out / CSV_NAME
    write_atomically(path, buffer.getvalue().rstrip("\n"))
    return path


def _same_run(recorded: dict | None, stamp: dict) -> bool:
    """Whether a report's stamp is the run's, whatever the student's own submission time."""
    return isinstance(recorded, dict) and all(recorded.get(key) == value for key, value in stamp.items())


def _number(value: float) -> str:
    return f"{value:g}"
