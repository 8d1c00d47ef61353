"""``gradekit quiz`` (randomized sheets and their key) and ``gradekit mark-quiz`` (marking the answers)."""

from __future__ import annotations

import os
import time
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.text import Text

from gradekit.commands.common import CourseOption, ProblemsDirOption, select
from gradekit.safe_text import clean

out = Console()
err = Console(stderr=True)


class SheetFormat(str, Enum):
    md = "md"
    html = "html"
    tex = "tex"
    pdf = "pdf"
    moodle = "moodle"


class VariantChoice(str, Enum):
    random = "random"
    exam = "exam"


class MarksFormat(str, Enum):
    rich = "rich"
    json = "json"
    csv = "csv"


def register(app: typer.Typer) -> None:
    app.command("quiz")(quiz)
    app.command("mark-quiz")(mark_quiz)


def quiz(
    seed: Annotated[int, typer.Option("--seed", min=0, help="The quiz's seed: the same seed gives the same sheets.")],
    format: Annotated[SheetFormat, typer.Option(
        "--format", help="md, html (standalone, offline), tex, pdf (needs a TeX engine) or moodle (XML).")
    ] = SheetFormat.md,
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder for the sheets, the key and key.json.")
                       ] = Path("sheets"),
    roster: Annotated[Optional[Path], typer.Option(
        "--roster", help="CSV with a 'student' column: one sheet per student, each its own numbers.")] = None,
    questions: Annotated[Optional[str], typer.Option(
        "--questions", help="What to ask, e.g. 'image-entropy:2,maxout:1,truefalse:2': problem ids, bank "
                            "topics, or truefalse/multichoice/short (default: a mixed sheet).")] = None,
    variant: Annotated[VariantChoice, typer.Option(
        "--variant", help="random: fresh numbers; exam: the course exam's own numbers.")] = VariantChoice.random,
    answer_template: Annotated[Optional[Path], typer.Option(
        "--answer-template", help="Also write a blank answer CSV here: student,<question ids>.")] = None,
    problems_dir: ProblemsDirOption = None,
    bank_dir: Annotated[Optional[Path], typer.Option(
        "--bank-dir", help="Folder of question-bank TOML files (default: $GRADEKIT_QUESTIONS or the "
                           "course's questions/).")] = None,
    course: CourseOption = None,
) -> None:
    """Write quiz sheets and their answer key (human-readable and key.json)."""
    from gradekit.grading.problem import ProblemError
    from gradekit.sheets import create_quiz
    from gradekit.sheets.bank import BankError
    from gradekit.sheets.generate import QuizError
    from gradekit.sheets.pdf import TexError
    from gradekit.sheets.write import write_answer_template, write_quiz

    started = time.perf_counter()
    selection = select(course=course, problems_dir=problems_dir)
    if bank_dir is None and not os.environ.get("GRADEKIT_QUESTIONS"):
        bank_dir = selection.course.questions_dir
    try:
        made = create_quiz(seed=seed, roster=roster, questions=questions, variant=variant.value,
                           problems_dir=selection.problems_dir, bank_dir=bank_dir)
        written = write_quiz(made, format.value, out_dir, templates_dir=selection.course.templates_dir)
        if answer_template is not None:
            written.append(write_answer_template(made, answer_template))
    except (QuizError, ProblemError, BankError, TexError, OSError) as error:
        err.print(f"[red]error:[/] {error}")
        raise typer.Exit(2) from None
    err.print(f"wrote {len(made.sheets)} sheet(s) and the key to {out_dir} ({len(written)} files, "
              f"{time.perf_counter() - started:.1f} s)")


def mark_quiz(
    answers: Annotated[Path, typer.Argument(help="The answer CSV: student,<question ids>.")],
    key: Annotated[Path, typer.Option("--key", help="The key.json written with the sheets.")],
    format: Annotated[MarksFormat, typer.Option("--format", help="rich table, JSON or CSV.")] = MarksFormat.rich,
    hand_marks: Annotated[Optional[Path], typer.Option(
        "--marks", help="The short answers' marks, given by hand: student,item,points (merge-marks' marks.csv).")
    ] = None,
) -> None:
    """Mark every student's answers against the key, each within its tolerance.

    Short answers count at their points, marked by hand in --marks (0 until
    they are). Cells that cannot be read are listed with their row and column
    and cost only that cell; exits 1 if there were any, after printing every mark.
    """
    from gradekit.lms.hand_marks import MarksError
    from gradekit.lms.merge import read_marks
    from gradekit.lms.quiz_marks import quiz_hand_marks
    from gradekit.sheets.key import KeyFileError, read_key
    from gradekit.sheets.marking import mark_answers
    from gradekit.sheets.report import marks_csv, marks_json

    try:
        answer_key = read_key(key.read_text(encoding="utf-8"), source=str(key))
        by_hand = quiz_hand_marks(read_marks(hand_marks), answer_key) if hand_marks is not None else None
        marks = mark_answers(answers.read_text(encoding="utf-8-sig"), answer_key, by_hand)
    except (KeyFileError, MarksError, OSError, UnicodeDecodeError) as error:
        err.print(Text.assemble(("error:", "red"), f" {clean(str(error))}"))
        raise typer.Exit(2) from None
    if format is MarksFormat.json:
        print(marks_json(marks))
    elif format is MarksFormat.csv:
        print(marks_csv(marks), end="")
    else:
        _print_table(marks)
    for problem in marks.problems:  # cells as typed: plain text, one line each, never markup
        err.print(Text.assemble(("error:", "red"), f" {answers}, {clean(problem)}"), soft_wrap=True)
    unmarked = sum(q.hand_marked and not q.given for s in marks.students for q in s.questions)
    if unmarked:
        err.print(Text.assemble(("not marked by hand yet:", "yellow"), f" {unmarked} short answer(s), 0 until "
                                "--marks gives their points"), soft_wrap=True)
    if marks.absent:
        err.print(Text.assemble(("no answers for:", "yellow"), " " + clean(", ".join(marks.absent))), soft_wrap=True)
    if marks.problems:
        raise typer.Exit(1)


def _print_table(marks) -> None:
    from gradekit.sheets.marks_table import marks_tables

    for table in marks_tables(marks, out.width):  # ids whole at any width: the questions wrap instead
        out.print(table)
