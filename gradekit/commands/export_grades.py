"""``gradekit export-grades``: grade-all's scores as a Canvas, Moodle or plain CSV gradebook import."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.markup import escape
from rich.text import Text

from gradekit.commands.common import AssignmentOption, err, fail


class Gradebook(str, Enum):
    canvas = "canvas"
    moodle = "moodle"
    csv = "csv"


class MoodleIdentifier(str, Enum):
    email = "email"
    username = "username"
    id = "id"


def register(app: typer.Typer) -> None:
    app.command("export-grades")(export_grades)


def export_grades(
    out: Annotated[Path, typer.Argument(help="The --out folder of gradekit grade-all (one <student>.json each).")],
    to: Annotated[Gradebook, typer.Option("--to", help="The gradebook: canvas, moodle or a plain csv.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="The CSV file to write.")],
    roster: Annotated[Optional[Path], typer.Option(
        "--roster", help="CSV: student (the submission folder's name), name, id, sis_id, section, email, username "
                         "(Canvas needs id or sis_id; Moodle the identifier chosen).")] = None,
    assignment: AssignmentOption = None,
    column: Annotated[Optional[str], typer.Option(
        "--column", help="The grade column's header (default: Canvas '<title> (<assignment>)', Moodle '<title>'; "
                         "give Canvas's own 'Title (12345)' to fill an existing assignment).")] = None,
    moodle_id: Annotated[MoodleIdentifier, typer.Option(
        "--moodle-id", help="Moodle's identifier column: email, username or id (ID number).")] = MoodleIdentifier.email,
    missing_as_zero: Annotated[bool, typer.Option(
        "--missing-as-zero", help="Roster students with no submission get 0 (default: left blank).")] = False,
) -> None:
    """Write the gradebook CSV an LMS imports: scores after late penalties, hand marks included.

    Lists the roster students with no submission and the submissions with
    no roster row (neither stops the export).
    """
    from gradekit.grading.batch import student_name
    from gradekit.grading.output import OutputError, write_atomically
    from gradekit.lms.gradebook import grade_of, gradebook
    from gradekit.lms.reports import ReportsError, assignment_reports
    from gradekit.lms.roster import RosterError, read_roster

    try:
        chosen = assignment_reports(out, assignment)
        members = read_roster(roster) if roster is not None else None
        header = column or (f"{chosen.title} ({chosen.name})" if to is Gradebook.canvas and chosen.name
                            else chosen.title)
        book = gradebook(to.value, {s: grade_of(s, r) for s, r in chosen.reports.items()}, members, column=header,
                         stem_of=lambda folder: student_name(Path(folder)), missing_as_zero=missing_as_zero,
                         moodle_identifier=moodle_id.value)
        write_atomically(output, book.to_csv().rstrip("\n"))
    except (ReportsError, RosterError) as error:
        fail(escape(str(error)))  # the file's own text is not markup
    except OutputError as error:
        fail(str(error), 1)
    err.print(Text(f"wrote {output}: {len(book.rows)} row(s) for {to.value}"))
    if book.unmatched.no_submission:
        names = ", ".join(m.student for m in book.unmatched.no_submission)
        blank = "0" if missing_as_zero else "left blank"
        err.print(Text.assemble(("no submission", "yellow"), f" ({blank}): {names}"))
    if book.unmatched.not_on_roster:
        err.print(Text.assemble(("not on the roster", "yellow"), f" (not exported): "
                                f"{', '.join(book.unmatched.not_on_roster)}"))
