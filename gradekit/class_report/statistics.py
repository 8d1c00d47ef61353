"""A class in numbers: score distributions, and an item analysis of every check. Pure: no I/O.

Reads the students' reports as ``grade-all`` wrote them (``SubmissionReport.to_json``).

Item analysis, as classical test theory does it for exam questions, with each
check as an item and the student's whole report as the test:

- the **pass rate** (the item's difficulty, p) is the share of students who
  pass the check, among those whose code for its problem ran ("graded"): a
  missing module or an import error fails every check and says nothing about
  any one of them, and is counted in the problem's statuses instead;
- the **discrimination** is the corrected item-total correlation: the
  point-biserial correlation of passing the check (0/1) with the rest of the
  student's score: the points earned on every other check of the report (the
  check's own points left out, else a check correlates with itself; no late
  penalty, which measures no skill). Near +1: the students who pass it are the
  ones who do well elsewhere. Negative: the strongest students fail it more
  than the weakest, the mark of a check that is wrong (or of a test that
  rewards a wrong convention). Undefined (None) when everyone or no one
  passes, when the rest-scores are all equal, or for fewer than
  ``MIN_STUDENTS_FOR_DISCRIMINATION`` students.

A check is flagged when nobody passes it, everybody passes it, its
discrimination is negative, or it raised an error of its own for some student.
A report the grader itself failed on (``grader_error``) is left out of every
statistic: its zeros are not the student's grade, and the next ``grade-all``
run grades it again. It is listed among the incidents.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
from scipy import stats

MIN_STUDENTS_FOR_DISCRIMINATION = 3  # with two students any correlation is +-1
UNIT_BINS_UP_TO = 30  # a bar per point for integer scores up to this maximum, else EVEN_BINS bars
EVEN_BINS = 20

NOBODY_PASSES = "nobody-passes"
EVERYBODY_PASSES = "everybody-passes"
NEGATIVE_DISCRIMINATION = "negative-discrimination"
CHECK_ERROR = "check-error"
FLAG_EXPLANATIONS = {
    NOBODY_PASSES: "no student passes it: is the check (or its reference) wrong, or the task unclear?",
    EVERYBODY_PASSES: "every student passes it: it separates no one (fine for a warm-up, else too weak)",
    NEGATIVE_DISCRIMINATION: "the students who pass it do worse on the rest: is the check wrong?",
    CHECK_ERROR: "the check raised an error of its own (a bug of the check, not of the student)",
}

CHECK_ERROR_PHRASE = "internal error in this check"
# How the runner and sandbox word a limit the student's code hit (gradekit.grading.sandbox, runner).
LIMIT_PHRASES = ("did not answer within", "ran out of the problem's time budget", "time budget of",
                 "was killed by", "printed more than", "returned more than", "crashed or hung twice")
NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


@dataclass(frozen=True)
class Histogram:
    edges: tuple[float, ...]  # len(counts) + 1 bin edges
    counts: tuple[int, ...]


@dataclass(frozen=True)
class Statuses:
    """How a problem's results ended, one per student (``ProblemResult.status``)."""

    graded: int = 0
    missing: int = 0
    errored: int = 0
    timed_out: int = 0


@dataclass(frozen=True)
class ScoreDistribution:
    """The scores of a problem, an assignment or the whole report, one per student."""

    id: str
    max_score: float
    scores: tuple[float, ...]
    histogram: Histogram
    mean: float | None
    median: float | None
    std: float | None
    statuses: Statuses | None = None  # problems only
    seconds_per_student: float | None = None  # problems only, where the reports record it
    title: str = ""  # assignments: their title (problems' titles are in their folders, not the reports)

    @property
    def students(self) -> int:
        return len(self.scores)


@dataclass(frozen=True)
class Failure:
    """The most common way a check failed: an example message and how many failures were like it."""

    message: str
    count: int  # failures like it (the same words, whatever the numbers)
    failures: int  # all failures of the check


@dataclass(frozen=True)
class CheckStatistics:
    problem: str
    name: str
    description: str  # the check's sentence, where the problem folder was at hand; else ""
    visibility: str
    max_score: float
    attempted: int  # students whose code for the problem ran
    passed: int
    pass_rate: float | None
    discrimination: float | None
    flags: tuple[str, ...]
    common_failure: Failure | None


@dataclass(frozen=True)
class Incident:
    """A student whose run hit a limit, or whose grading failed (the grader's or a check's own error)."""

    student: str
    problem: str | None  # None: the whole report (the grader failed on the student)
    kind: str  # "limit", "timeout", "grader error", "check error"
    message: str


@dataclass(frozen=True)
class ClassStatistics:
    students: int  # reports in the statistics (the grader's failures left out)
    total: ScoreDistribution
    assignments: tuple[ScoreDistribution, ...]
    problems: tuple[ScoreDistribution, ...]
    checks: tuple[CheckStatistics, ...]
    incidents: tuple[Incident, ...]
    grader_errors: tuple[str, ...]  # students left out

    @property
    def flagged(self) -> list[CheckStatistics]:
        return [c for c in self.checks if c.flags]

    @property
    def slowest(self) -> list[ScoreDistribution]:
        """Problems by time per student, slowest first (only where the reports record time)."""
        timed = [p for p in self.problems if p.seconds_per_student is not None]
        return sorted(timed, key=lambda p: -(p.seconds_per_student or 0.0))

    def to_json(self) -> dict:
        return {
            "students": self.students,
            "grader_errors": list(self.grader_errors),
            "total": _distribution_json(self.total),
            "assignments": [_distribution_json(a) for a in self.assignments],
            "problems": [_distribution_json(p) for p in self.problems],
            "checks": [_check_json(c) for c in self.checks],
            "incidents": [vars(i).copy() for i in self.incidents],
            "slowest": [{"problem": p.id, "seconds_per_student": _round(p.seconds_per_student)}
                        for p in self.slowest],
        }


# ---------------------------------------------------------------- computing


def class_statistics(reports: Mapping[str, dict], *,
                     descriptions: Mapping[tuple[str, str], str] | None = None) -> ClassStatistics:
    """Statistics of ``reports`` (student -> report), in the students' order.

    ``descriptions`` maps (problem, check) to the check's description, which every
    message of the check starts with and which the most common failure is shown without.
    A report graded under an assignment (``grade-all --assignment``) records it; the
    assignments' distributions are of the grade the report gives, late penalty included.
    """
    grader_errors = tuple(s for s, r in reports.items() if "grader_error" in r)
    kept = {s: r for s, r in reports.items() if "grader_error" not in r}
    problem_ids = _ordered(p["id"] for r in kept.values() for p in r["problems"])
    results = {pid: {s: p for s, r in kept.items() for p in r["problems"] if p["id"] == pid} for pid in problem_ids}
    # what the student earned on the checks: the rest-score of the item analysis (no late penalty)
    earned = {s: sum(float(p["score"]) for p in r["problems"]) for s, r in kept.items()}
    return ClassStatistics(
        students=len(kept),
        total=distribution("total", [float(r["score"]) for r in kept.values()],
                           max((float(r["max_score"]) for r in kept.values()), default=0.0)),
        assignments=tuple(_assignments(kept)),
        problems=tuple(_problem(pid, results[pid]) for pid in problem_ids),
        checks=tuple(check for pid in problem_ids
                     for check in _checks(pid, results[pid], earned, descriptions or {})),
        incidents=tuple(_incidents(reports, descriptions or {})),
        grader_errors=grader_errors,
    )


def distribution(id: str, scores: list[float], max_score: float, **extra) -> ScoreDistribution:
    values = np.asarray(scores, dtype=float)
    present = values.size > 0
    return ScoreDistribution(
        id=id, max_score=max_score, scores=tuple(float(v) for v in values),
        histogram=histogram(values, max_score),
        mean=float(values.mean()) if present else None,
        median=float(np.median(values)) if present else None,
        std=float(values.std()) if present else None,
        **extra)


def histogram(scores: np.ndarray, max_score: float) -> Histogram:
    """Bars over [0, max_score]: one per point where every score is whole, else ``EVEN_BINS`` equal ones."""
    top = max(float(max_score), float(scores.max()) if scores.size else 0.0, 1e-9)
    whole = float(top).is_integer() and np.all(np.mod(scores, 1) == 0)
    if whole and top <= UNIT_BINS_UP_TO:
        edges = np.arange(-0.5, top + 1.0)  # bar k centred on score k
    else:
        edges = np.linspace(0.0, top, EVEN_BINS + 1)
    counts, _ = np.histogram(scores, bins=edges)
    rounded = tuple(round(float(e), 9) for e in edges)  # 1.8, not 1.7999999999999998
    return Histogram(rounded, tuple(int(c) for c in counts))


def point_biserial(passed: np.ndarray, rest: np.ndarray) -> float | None:
    """The correlation of a 0/1 item with the rest-score, or None where it is undefined."""
    if (passed.size < MIN_STUDENTS_FOR_DISCRIMINATION or np.all(passed == passed[0])
            or np.all(rest == rest[0])):
        return None
    return float(stats.pointbiserialr(passed, rest)[0])


def _problem(pid: str, results: dict[str, dict]) -> ScoreDistribution:
    statuses = Counter(p["status"] for p in results.values())
    seconds = [p["seconds"] for p in results.values() if p["status"] == "graded" and "seconds" in p]
    return distribution(
        pid, [float(p["score"]) for p in results.values()],
        max(float(p["max_score"]) for p in results.values()),
        statuses=Statuses(graded=statuses["graded"], missing=statuses["missing"],
                          errored=statuses["error"], timed_out=statuses["timeout"]),
        seconds_per_student=float(np.mean(seconds)) if seconds else None)


def _assignments(reports: Mapping[str, dict]) -> list[ScoreDistribution]:
    """Per assignment the reports record, its students' grades (``score``: after any late penalty)."""
    by_name: dict[str, list[dict]] = {}
    for report in reports.values():
        assignment = report.get("assignment")
        if isinstance(assignment, dict) and assignment.get("name"):
            by_name.setdefault(str(assignment["name"]), []).append(report)
    return [distribution(name, [float(r["score"]) for r in members], max(float(r["max_score"]) for r in members),
                         title=str(members[0]["assignment"].get("title") or ""))
            for name, members in by_name.items()]


def _checks(pid: str, results: dict[str, dict], earned: dict[str, float],
            descriptions: Mapping[tuple[str, str], str]) -> list[CheckStatistics]:
    graded = {s: p for s, p in results.items() if p["status"] == "graded"}
    names = _ordered(c["name"] for p in results.values() for c in p["checks"])
    found = []
    for name in names:
        rows = [(s, c) for s, p in graded.items() for c in p["checks"] if c["name"] == name]
        passed = np.array([bool(c["passed"]) for _, c in rows], dtype=float)
        rest = np.array([earned[s] - float(c["score"]) for s, c in rows])
        failures = [c["message"] for _, c in rows if not c["passed"]]
        errors = [c for p in results.values() for c in p["checks"]
                  if c["name"] == name and CHECK_ERROR_PHRASE in c["message"]]
        pass_rate = float(passed.mean()) if rows else None
        discrimination = point_biserial(passed, rest)
        flags = [flag for flag, raised in (
            (NOBODY_PASSES, pass_rate == 0.0),
            (EVERYBODY_PASSES, pass_rate == 1.0),
            (NEGATIVE_DISCRIMINATION, discrimination is not None and discrimination < 0),
            (CHECK_ERROR, bool(errors))) if raised]
        some = next(c for p in results.values() for c in p["checks"] if c["name"] == name)
        found.append(CheckStatistics(
            problem=pid, name=name, description=descriptions.get((pid, name), ""),
            visibility=some["visibility"], max_score=float(some["max_score"]),
            attempted=len(rows), passed=int(passed.sum()), pass_rate=pass_rate,
            discrimination=discrimination, flags=tuple(flags),
            common_failure=common_failure(failures, descriptions.get((pid, name)))))
    return found


def common_failure(messages: list[str], description: str | None = None) -> Failure | None:
    """The most common failure among ``messages``, grouping messages that differ only in their numbers.

    The example shown is the most frequent exact message of that group, without the
    check's description (which every message of a check starts with).
    """
    if not messages:
        return None
    bare = [_without_description(m, description) for m in messages]
    groups = Counter(NUMBER.sub("#", m.strip()) for m in bare)
    key, count = groups.most_common(1)[0]
    example = Counter(m.strip() for m in bare if NUMBER.sub("#", m.strip()) == key).most_common(1)[0][0]
    return Failure(example, count, len(messages))


def _without_description(message: str, description: str | None) -> str:
    prefix = f"{description}: " if description else None
    return message[len(prefix):] if prefix and message.startswith(prefix) else message


def _incidents(reports: Mapping[str, dict], descriptions: Mapping[tuple[str, str], str]) -> list[Incident]:
    found = []
    for student, report in reports.items():
        if "grader_error" in report:
            found.append(Incident(student, None, "grader error", str(report["grader_error"])))
            continue
        for problem in report["problems"]:
            messages = [_without_description(c["message"], descriptions.get((problem["id"], c["name"])))
                        for c in problem["checks"] if not c["passed"]]
            limit = next((m for m in messages if any(p in m for p in LIMIT_PHRASES)), None)
            check_error = next((m for m in messages if CHECK_ERROR_PHRASE in m), None)
            if problem["status"] == "timeout":
                found.append(Incident(student, problem["id"], "timeout", limit or "the problem's time budget ran out"))
            elif limit is not None:
                found.append(Incident(student, problem["id"], "limit", limit))
            if check_error is not None:
                found.append(Incident(student, problem["id"], "check error", check_error))
    return found


def _ordered(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


# ---------------------------------------------------------------- JSON


def _round(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)


def _distribution_json(d: ScoreDistribution) -> dict:
    shape = {
        "id": d.id, **({"title": d.title} if d.title else {}), "max_score": d.max_score, "students": d.students,
        "mean": _round(d.mean), "median": _round(d.median), "std": _round(d.std),
        "histogram": {"edges": list(d.histogram.edges), "counts": list(d.histogram.counts)},
    }
    if d.statuses is not None:
        shape |= {"graded": d.statuses.graded, "missing": d.statuses.missing, "errored": d.statuses.errored,
                  "timed_out": d.statuses.timed_out, "seconds_per_student": _round(d.seconds_per_student)}
    return shape


def _check_json(c: CheckStatistics) -> dict:
    return {
        "problem": c.problem, "name": c.name, "description": c.description, "visibility": c.visibility,
        "max_score": c.max_score,
        "attempted": c.attempted, "passed": c.passed,
        "pass_rate": _round(c.pass_rate), "discrimination": _round(c.discrimination), "flags": list(c.flags),
        "common_failure": None if c.common_failure is None else vars(c.common_failure).copy(),
    }
