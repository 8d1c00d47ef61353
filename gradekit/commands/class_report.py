"""``gradekit class-report``: the class at a glance after ``grade-all``, and the checks that look broken."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from gradekit.commands.common import CourseOption, ProblemsDirOption, err


class ClassReportFormat(str, Enum):
    html = "html"
    json = "json"


def register(app: typer.Typer) -> None:
    app.command("class-report")(class_report)


def class_report(
    out: Annotated[Path, typer.Argument(help="The --out folder of gradekit grade-all (one <student>.json each).")],
    output: Annotated[Optional[Path], typer.Option(
        "--output", "-o", help="Write here (default: OUT/class-report.html for HTML, stdout for JSON).")] = None,
    format: Annotated[ClassReportFormat, typer.Option(
        "--format", help="A self-contained HTML page, or JSON.")] = ClassReportFormat.html,
    course: CourseOption = None,
    problems_dir: ProblemsDirOption = None,
) -> None:
    """Score histograms per problem, and per check its pass rate, discrimination and flags.

    Flags the checks nobody passes, everybody passes, or that the strongest
    students fail more than the weakest (negative discrimination), with their
    most common failure; lists the students whose runs hit a limit or a grading
    error, and the slowest problems. The course's problem folders, where found,
    give the titles and the checks' descriptions.
    """
    from gradekit.class_report.load import NoReports, load_reports
    from gradekit.class_report.render import to_html, to_json
    from gradekit.class_report.statistics import class_statistics

    try:
        reports = load_reports(out)
    except NoReports as error:
        err.print(f"[red]error:[/] {error}")
        raise typer.Exit(2) from None
    problem_ids = {p["id"] for r in reports.values() for p in r.get("problems", [])}
    titles, descriptions = _problem_texts(course, problems_dir, problem_ids)
    stats = class_statistics(reports, descriptions=descriptions)
    if format is ClassReportFormat.json:
        text = to_json(stats)
        if output is None:
            print(text)
            return
    else:
        text = to_html(stats, source=str(out), titles=titles)
        output = output or out / "class-report.html"
    output.write_text(text + "\n")
    err.print(f"wrote {output}: {stats.students} student(s), {len(stats.flagged)} check(s) to review, "
              f"{len(stats.incidents)} limit(s) hit or grading error(s)")


def _problem_texts(course: Optional[Path], problems_dir: Optional[Path],
                   ids: set[str]) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """Titles and check descriptions of the graded problems, where their folders can be loaded.

    The reports hold neither; without the folders the page shows ids and whole messages.
    """
    from gradekit.course.assignment import AssignmentError
    from gradekit.course.course import CourseError
    from gradekit.course.selection import select
    from gradekit.grading.problem import ProblemError

    try:
        problems = [p for p in select(course=course, problems_dir=problems_dir).problems if p.id in ids]
    except (CourseError, AssignmentError, ProblemError):
        return {}, {}
    titles: dict[str, str] = {}
    descriptions: dict[tuple[str, str], str] = {}
    for problem in problems:
        titles[problem.id] = problem.title
        try:
            checks = problem.all_checks(include_hidden=True)
        except Exception:  # a problem whose checks no longer import: its messages are shown whole
            continue
        descriptions |= {(problem.id, spec.name): spec.description for spec in checks}
    return titles, descriptions
