"""A submission's report under an assignment: its points, its late penalty, what students see when.

The grader's ``SubmissionReport`` is made as always; an assignment only
rescales each problem to the points it gives that problem, takes the late
penalty off the total, and decides the hidden checks' visibility in
Gradescope's ``results.json`` (``after_due_date`` when the assignment shows
their messages once the due date has passed).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from rich.console import Console
from rich.markup import escape

from gradekit.course.assignment import Assignment, days_late
from gradekit.grading.report import render_rich, to_gradescope
from gradekit.grading.results import ProblemResult, SubmissionReport

ROUNDING = 9  # digits kept after rescaling, so that 2 of 10 points reads 0.2, not 0.20000000000000001


@dataclass(frozen=True)
class Lateness:
    submitted_at: datetime | None  # None: not known (no manifest), so no penalty
    days_late: int
    penalty: float  # the share of the score taken off, 0 to 1

    def describe(self) -> str:
        if self.submitted_at is None:
            return "submission time unknown: no late penalty applied"
        if self.days_late == 0:
            return f"on time (submitted {self.submitted_at.isoformat()})"
        return (f"{self.days_late} day(s) late (submitted {self.submitted_at.isoformat()}): "
                f"-{self.penalty:.0%}")


@dataclass(frozen=True)
class AssignmentGrade:
    report: SubmissionReport  # rescaled to the assignment's points, before the late penalty
    assignment: Assignment
    lateness: Lateness

    @property
    def score_before_penalty(self) -> float:
        return self.report.score

    @property
    def score(self) -> float:
        return round(self.report.score * (1 - self.lateness.penalty), ROUNDING)

    @property
    def max_score(self) -> float:
        return self.report.max_score

    def to_json(self) -> dict:
        """The report's JSON (README's shape) with ``score`` after the penalty, ``assignment`` and ``late``."""
        data = self.report.to_json()
        data["score"] = self.score
        data["assignment"] = self.assignment.to_json()
        data["late"] = {
            "submitted_at": self.lateness.submitted_at.isoformat() if self.lateness.submitted_at else None,
            "days_late": self.lateness.days_late,
            "penalty": self.lateness.penalty,
            "score_before_penalty": self.score_before_penalty,
        }
        return data

    def to_gradescope(self) -> dict:
        results = to_gradescope(self.report)
        hidden = "after_due_date" if self.assignment.show_hidden_after_due else "hidden"
        for test in results["tests"]:
            if test["visibility"] == "hidden":
                test["visibility"] = hidden
        results["score"] = self.score
        results["output"] = "\n".join(line for line in (self.late_line(), results["output"]) if line)
        return results

    def late_line(self) -> str:
        if self.lateness.penalty == 0 and self.lateness.days_late == 0:
            return ""
        return (f"{self.assignment.late.describe()}; {self.lateness.describe()}: "
                f"{self.score_before_penalty:g} -> {self.score:g} / {self.max_score:g}")

    def render_rich(self, console: Console) -> None:
        due = self.assignment.due.isoformat() if self.assignment.due else "no due date"
        console.print(f"[bold]{escape(self.assignment.title)}[/] [dim]({escape(self.assignment.name)}; due {due}; "
                      f"{self.assignment.late.describe()})[/]", highlight=False)
        if self.lateness.submitted_at is not None:  # above the table, whose scores are before the penalty
            style = "yellow" if self.lateness.penalty else "green"
            console.print(f"[{style}]{self.lateness.describe()}[/]: score {self.score:g} / {self.max_score:g}"
                          + (f" (the table below is before the penalty: {self.score_before_penalty:g})"
                             if self.lateness.penalty else ""), highlight=False)
        render_rich(self.report, console)


def grade_under(report: SubmissionReport, assignment: Assignment,
                submitted_at: datetime | None = None) -> AssignmentGrade:
    """``report`` under ``assignment``: problems worth the assignment's points, lateness applied."""
    problems = [_rescaled(p, assignment.points_of(p.id)) for p in report.problems]
    late_by = (submitted_at - assignment.due) if submitted_at is not None and assignment.due is not None else None
    lateness = Lateness(submitted_at=submitted_at,
                        days_late=days_late(late_by) if late_by is not None else 0,
                        penalty=assignment.penalty(submitted_at))
    return AssignmentGrade(replace(report, problems=problems), assignment, lateness)


def public_checks_under(report: SubmissionReport, assignment: Assignment,
                        full_points: dict[str, float]) -> SubmissionReport:
    """A report of public checks only (``gradekit check``) with each check worth what it is worth in
    ``assignment``: a problem of ``full_points[id]`` points scaled to the assignment's, so that a check
    weighs the same in the student's check as in the instructor's grade. The problems' maxima stay the
    public checks' share."""
    problems = []
    for result in report.problems:
        full, points = full_points.get(result.id), assignment.points_of(result.id)
        factor = points / full if points is not None and full else 1.0
        problems.append(_rescaled(result, round(result.max_score * factor, ROUNDING), factor))
    return replace(report, problems=problems)


def _rescaled(result: ProblemResult, points: float | None, factor: float | None = None) -> ProblemResult:
    """``result`` worth ``points``: its checks scaled by ``factor`` (by default the ratio of the maxima)."""
    if points is None or result.max_score <= 0 or (points == result.max_score and factor in (None, 1.0)):
        return result
    factor = points / result.max_score if factor is None else factor
    checks = [replace(c, score=round(c.score * factor, ROUNDING), max_score=round(c.max_score * factor, ROUNDING))
              for c in result.checks]
    return replace(result, checks=checks, max_score=points)
