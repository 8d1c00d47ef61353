"""Reading ``grade-all``'s reports for an LMS: one assignment's, with its title (the I/O of the exports)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class ReportsError(ValueError):
    """The output folder's reports cannot be exported as asked (the message says why)."""


@dataclass(frozen=True)
class AssignmentReports:
    name: str | None  # the assignment's name, None where the reports were graded without one
    title: str
    reports: dict[str, dict]  # student -> report


def assignment_reports(out: Path, assignment: str | None = None) -> AssignmentReports:
    """The reports in ``out`` of ``assignment`` (of the only assignment they hold, when not given)."""
    from gradekit.class_report.load import NoReports, load_reports

    try:
        reports = load_reports(out)
    except NoReports as error:
        raise ReportsError(str(error)) from None
    names = {(r.get("assignment") or {}).get("name") for r in reports.values()}
    if assignment is None and len(names) > 1:
        listed = ", ".join(sorted(n or "(none)" for n in names))
        raise ReportsError(f"{out} holds reports of several assignments ({listed}); choose one with --assignment")
    name = assignment if assignment is not None else names.pop()
    chosen = {s: r for s, r in reports.items() if (r.get("assignment") or {}).get("name") == name}
    if not chosen:
        raise ReportsError(f"{out} holds no report graded for assignment {name!r}")
    title = next(((r.get("assignment") or {}).get("title") for r in chosen.values()), None) or "gradekit"
    return AssignmentReports(name, title, chosen)
