"""What a student's feedback says, made from the JSON report ``grade-all`` wrote: pure data, no I/O.

A report's check message is ``"<description>: <why>"`` (failed) or
``"<description>: <note>"`` (passed, having measured something); the
description is the check's docstring, from the course. ``why`` may carry the
smallest failing input (public checks only, on its own line) and the
traceback of the student's code after it. This module takes those apart, so
that a page can show each where it belongs.

Hidden checks say only what the assignment allows: with
``show_hidden_after_due`` and the due date passed, their messages (never
their expected values: the grader keeps those out) and figures; otherwise
only how many there are and the points they gave.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

SMALLEST_INPUT = "smallest failing input: "


@dataclass(frozen=True)
class ProblemText:
    """What the course says about a problem: its title, its summary, each check's description (trusted text)."""

    title: str = ""
    summary: str = ""
    descriptions: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class FigureView:
    name: str
    caption: str  # the problem author's text
    file: str  # inside the student's figures folder
    png: bytes | None  # None: the file is gone (the page says so)


@dataclass(frozen=True)
class CheckView:
    name: str
    description: str  # the course's text; the check's name in words where the course is not at hand
    visibility: str
    passed: bool
    score: float
    max_score: float
    why: str = ""  # the student's code's outcome, in the grader's words (failed checks)
    smallest_input: str = ""
    traceback: str = ""
    note: str = ""  # by how much a metric check passed (or what it measured); a hand mark's comment
    figures: tuple[FigureView, ...] = ()
    hand_marked: bool = False  # a person's mark (merge-marks), not the grader's


@dataclass(frozen=True)
class HiddenTotal:
    """Hidden checks whose messages are not shown: how many, how many passed, their points."""

    count: int
    passed: int
    score: float
    max_score: float


@dataclass(frozen=True)
class ProblemView:
    id: str
    title: str
    summary: str
    status: str  # graded, missing, error, timeout
    score: float
    max_score: float
    checks: tuple[CheckView, ...]  # the ones the student may read
    hidden: HiddenTotal | None  # the ones they may not, counted
    shared_why: str = ""  # missing, an import that failed: the one reason every check failed for

    @property
    def failed(self) -> int:
        return sum(not c.passed for c in self.checks) + (self.hidden.count - self.hidden.passed if self.hidden else 0)


@dataclass(frozen=True)
class LateView:
    days_late: int
    penalty: float  # share taken off
    score_before_penalty: float
    submitted_at: str | None
    policy: str


@dataclass(frozen=True)
class Feedback:
    student: str
    title: str  # the assignment's title, or "gradekit feedback"
    score: float
    max_score: float
    problems: tuple[ProblemView, ...]
    late: LateView | None = None
    hidden_shown: bool = False
    hidden_note: str = ""  # why hidden checks' messages are (not) shown


def hidden_messages_allowed(assignment, now: datetime) -> tuple[bool, str]:
    """Whether ``assignment`` lets students read hidden checks' messages at ``now``, and why (for the page)."""
    if assignment is None:
        return False, "hidden checks are counted, not shown: no assignment says they may be"
    if not assignment.show_hidden_after_due:
        return False, "hidden checks are counted, not shown (the assignment keeps them hidden)"
    if assignment.due is None:
        return False, "hidden checks are counted, not shown: the assignment has no due date to pass"
    if now < assignment.due:
        return False, (f"hidden checks are counted; their messages are shown after the due date "
                       f"({assignment.due.isoformat(timespec='minutes')})")
    return True, "hidden checks are shown: the due date has passed"


def feedback_of(student: str, report: dict, texts: Mapping[str, ProblemText], *, show_hidden: bool,
                hidden_note: str = "", figure_bytes=lambda file: None) -> Feedback:
    """The feedback of one student's ``report`` (``grade-all``'s JSON).

    ``texts`` gives the problems' titles and check descriptions where the
    course is at hand; ``figure_bytes(file)`` reads a figure of the student's
    figures folder (None if it is not there).
    """
    problems = tuple(_problem(p, texts.get(p.get("id", ""), ProblemText()), show_hidden, figure_bytes)
                     for p in report.get("problems", []))
    assignment = report.get("assignment") or {}
    late = report.get("late")
    return Feedback(
        student=student,
        title=assignment.get("title") or "gradekit feedback",
        score=float(report.get("score", 0.0)),
        max_score=float(report.get("max_score", 0.0)),
        problems=problems,
        late=LateView(int(late.get("days_late", 0)), float(late.get("penalty", 0.0)),
                      float(late.get("score_before_penalty", report.get("score", 0.0))), late.get("submitted_at"),
                      assignment.get("late_policy", "")) if late else None,
        hidden_shown=show_hidden,
        hidden_note=hidden_note,
    )


def _problem(problem: dict, text: ProblemText, show_hidden: bool, figure_bytes) -> ProblemView:
    checks = [_check(c, text.descriptions.get(c.get("name", "")), figure_bytes) for c in problem.get("checks", [])]
    shown = tuple(c for c in checks if c.visibility == "public" or show_hidden)
    kept = [c for c in checks if c.visibility != "public" and not show_hidden]
    hidden = HiddenTotal(len(kept), sum(c.passed for c in kept), sum(c.score for c in kept),
                         sum(c.max_score for c in kept)) if kept else None
    status = problem.get("status", "graded")
    shared = _shared_why(checks) if status != "graded" else ""
    return ProblemView(
        id=problem.get("id", ""), title=text.title or problem.get("title") or problem.get("id", ""),
        summary=text.summary, status=status,
        score=float(problem.get("score", 0.0)), max_score=float(problem.get("max_score", 0.0)),
        checks=shown, hidden=hidden, shared_why=shared)


def _check(check: dict, description: str | None, figure_bytes) -> CheckView:
    name, message, passed = check.get("name", ""), check.get("message", ""), bool(check.get("passed"))
    if check.get("hand_marked"):
        words = description or name.replace("_", " ").replace("-", " ")
        return CheckView(name, words, check.get("visibility", "public"), passed, float(check.get("score", 0.0)),
                         float(check.get("max_score", 0.0)), note=message, hand_marked=True)
    if description is not None and (message == description or message.startswith(description + ": ")):
        rest = message[len(description) + 2:]
    else:  # no course at hand (or another version of it): the whole message is the outcome
        description = description or name.replace("_", " ")
        rest = message
    why, smallest, traceback = split_outcome(rest) if not passed else ("", "", "")
    note = rest if passed and rest != description else ""  # a passing check's message is "<description>: <note>"
    figures = tuple(FigureView(f.get("name", ""), f.get("caption", ""), f.get("file", ""),
                               figure_bytes(f.get("file", ""))) for f in check.get("figures", []))
    return CheckView(name, description, check.get("visibility", "public"), passed,
                     float(check.get("score", 0.0)), float(check.get("max_score", 0.0)),
                     why, smallest, traceback, note, figures)


def split_outcome(why: str) -> tuple[str, str, str]:
    """``why`` taken apart: the reason, the smallest failing input, and what follows (a traceback)."""
    lines = why.split("\n")
    for index, line in enumerate(lines):
        if line.startswith(SMALLEST_INPUT) and index > 0:
            return ("\n".join(lines[:index]).strip(), line[len(SMALLEST_INPUT):].strip(),
                    "\n".join(lines[index + 1:]).strip("\n"))
    first, _, after = why.partition("\n")
    return first.strip(), "", after.strip("\n")


def _shared_why(checks: list[CheckView]) -> str:
    """The one reason every check of a problem that did not run failed for (missing, import error)."""
    reasons = {(c.why, c.traceback) for c in checks if not c.passed}
    if len(reasons) != 1 or any(c.passed for c in checks):
        return ""
    why, traceback = reasons.pop()
    return f"{why}\n{traceback}".strip()
