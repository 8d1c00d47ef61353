"""Writing ``OUT/feedback/<student>.md`` and ``.html`` from the reports in ``OUT`` (the I/O of feedback)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote

from gradekit.feedback.html import feedback_html
from gradekit.feedback.markdown import feedback_markdown
from gradekit.feedback.model import ProblemText, feedback_of, hidden_messages_allowed
from gradekit.grading.attachments import figures_folder
from gradekit.grading.output import make_folder, write_atomically

FEEDBACK_FOLDER = "feedback"


@dataclass
class Written:
    folder: Path
    students: list[str] = field(default_factory=list)
    hidden_note: str = ""


def problem_texts(problems: Iterable) -> dict[str, ProblemText]:
    """Titles, summaries and check descriptions of loaded ``Problem``s (a problem whose checks no longer
    load keeps its title; its messages are shown whole)."""
    texts = {}
    for problem in problems:
        try:
            descriptions = {spec.name: spec.description for spec in problem.all_checks(include_hidden=True)}
        except Exception:  # noqa: BLE001
            descriptions = {}
        texts[problem.id] = ProblemText(problem.title, problem.summary, descriptions)
    return texts


def write_feedback(out: Path, reports: Mapping[str, dict], texts: Mapping[str, ProblemText], *, assignment=None,
                   now: datetime | None = None) -> Written:
    """``feedback/<student>.md`` and ``.html`` in ``out`` for each of ``reports`` (student -> report).

    ``assignment`` decides what hidden checks show (``hidden_messages_allowed`` at ``now``).
    ``OutputError`` if a file cannot be written.
    """
    out = Path(out)
    show_hidden, note = hidden_messages_allowed(assignment, now or datetime.now(timezone.utc))
    folder = out / FEEDBACK_FOLDER
    make_folder(folder)
    written = Written(folder, hidden_note=note)
    for student, report in reports.items():
        figures = figures_folder(out, student)
        feedback = feedback_of(student, report, texts, show_hidden=show_hidden, hidden_note=note,
                               figure_bytes=lambda file, root=figures: _read_figure(root, file))
        write_atomically(folder / f"{student}.md", feedback_markdown(feedback, figure_link=_links_into(figures)))
        write_atomically(folder / f"{student}.html", feedback_html(feedback))
        written.students.append(student)
    return written


def _links_into(figures: Path) -> Callable[[str], str]:
    """A figure file's address from the feedback page: in the student's figures folder, beside ``feedback/``."""
    base = f"../{quote(figures.name)}/"
    return lambda file: base + quote(file)


def _read_figure(root: Path, file: str) -> bytes | None:
    """A figure named by the report, if it lies inside the student's figures folder and is a PNG."""
    path = (root / file).resolve()
    if not file or not path.is_relative_to(root.resolve()) or not path.is_file():
        return None
    data = path.read_bytes()
    return data if data.startswith(b"\x89PNG\r\n\x1a\n") else None


def feedback_for_folder(out: Path, *, course: Path | None = None, problems_dir: Path | None = None,
                        assignment: str | None = None, now: datetime | None = None) -> list[Written]:
    """Feedback for the reports in ``out``: each under the assignment it was graded for (or ``assignment``'s only).

    Raises ``NoReports``, ``CourseError``, ``AssignmentError``, ``ProblemError`` or ``OutputError``.
    """
    from gradekit.class_report.load import load_reports
    from gradekit.course.selection import select

    reports = load_reports(out)
    groups: dict[str | None, dict[str, dict]] = {}
    for student, report in reports.items():
        name = (report.get("assignment") or {}).get("name")
        if assignment is None or name == assignment:
            groups.setdefault(name, {})[student] = report
    if assignment is not None and not groups:
        from gradekit.class_report.load import NoReports

        raise NoReports(f"{out} holds no report graded for assignment {assignment!r}")
    everything = select(course=course, problems_dir=problems_dir)
    texts = problem_texts(everything.problems)
    return [write_feedback(out, group, texts, now=now,
                           assignment=select(course=course, problems_dir=problems_dir, assignment=name).assignment
                           if name else None)
            for name, group in groups.items()]


def feedback_for_run(out: Path, students: Iterable[str], problems: Iterable, assignment=None,
                     now: datetime | None = None) -> Written:
    """Feedback for the students a ``grade-all`` run covered (their reports in ``out``)."""
    from gradekit.grading.batch import REPORT_SUFFIX, read_report

    reports = {student: report for student in students
               if (report := read_report(Path(out) / f"{student}{REPORT_SUFFIX}")) is not None}
    return write_feedback(out, reports, problem_texts(problems), assignment=assignment, now=now)
