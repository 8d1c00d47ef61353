"""What grading produces: documented dataclasses, rendered by ``report``.

Every string of a result is ``clean``ed as the result is made: messages,
printed output, names and paths come from the student's code and folder, and
whatever renders a result (the rich table, JSON, Gradescope's results.json, a
feedback file yet to be written) gets them without terminal escapes or bidi
controls. This is the one place; a writer need not remember it. (A writer
still escapes for its own syntax: rich markup, HTML, CSV formulas.)
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from gradekit.grading.attachments import Figure, Measurement, figure_file
from gradekit.safe_text import clean

Status = Literal["graded", "missing", "error", "timeout"]


@dataclass(frozen=True)
class CheckResult:
    name: str
    score: float
    max_score: float
    visibility: Literal["public", "hidden"]
    passed: bool
    message: str  # what the student reads: the property, and why it failed (or, passed, the note)
    note: str = ""  # what a passing check measured, e.g. "FID 936, at most 3000" (also in message)
    figures: tuple[Figure, ...] = ()  # what the check drew of the student's model (``attachments``)
    measurements: tuple[Measurement, ...] = ()  # the metrics it measured (``Threshold.judge``), for leaderboards

    def __post_init__(self) -> None:
        _clean_fields(self, "name", "message", "note")
        if any(clean(f.caption) != f.caption for f in self.figures):  # a caption may quote what the student returned
            object.__setattr__(self, "figures", tuple(replace(f, caption=clean(f.caption)) for f in self.figures))


@dataclass(frozen=True)
class ProblemResult:
    id: str
    title: str
    status: Status
    checks: list[CheckResult]
    max_score: float
    output: str = ""  # what the student's code printed, capped
    seconds: float = 0.0

    def __post_init__(self) -> None:
        _clean_fields(self, "id", "title", "output")

    @property
    def score(self) -> float:
        return sum(c.score for c in self.checks)


@dataclass(frozen=True)
class SubmissionReport:
    submission: str
    problems: list[ProblemResult]
    warnings: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        _clean_fields(self, "submission")
        object.__setattr__(self, "warnings", [clean(w) for w in self.warnings])

    @property
    def score(self) -> float:
        return sum(p.score for p in self.problems)

    @property
    def max_score(self) -> float:
        return sum(p.max_score for p in self.problems)

    def to_json(self) -> dict:
        """The report's JSON shape (see README): scores, statuses and every check."""
        return {
            "submission": self.submission,
            "score": self.score,
            "max_score": self.max_score,
            "problems": [{
                "id": p.id,
                "score": p.score,
                "max_score": p.max_score,
                "status": p.status,
                "checks": [_check_json(p.id, c) for c in p.checks],
            } for p in self.problems],
        }


def _check_json(problem_id: str, check: CheckResult) -> dict:
    """A check's JSON: its fields (the note is in the message); ``measurements`` (name, value, direction:
    "max" when lower is better) when it measured a metric, ``figures`` (name, caption, file in the student's
    figures folder) when it drew something."""
    data = {"name": check.name, "score": check.score, "max_score": check.max_score, "visibility": check.visibility,
            "passed": check.passed, "message": check.message}
    if check.measurements:
        data["measurements"] = [{"name": m.name, "value": m.value, "direction": m.direction}
                                for m in check.measurements]
    if check.figures:
        data["figures"] = [{"name": f.name, "caption": f.caption, "file": figure_file(problem_id, check.name, f.name)}
                           for f in check.figures]
    return data


def _clean_fields(result: object, *names: str) -> None:
    for name in names:  # frozen dataclasses: set once, here, before anyone reads them
        object.__setattr__(result, name, clean(getattr(result, name)))
