"""Quiz marks as rich tables that fit the terminal: a student id is never cut.

One table when every question fits in the width; otherwise the question
columns wrap into several tables, each repeating the student and score
columns, rather than letting rich squeeze the ids to one letter.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.table import Table
from rich.text import Text

from gradekit.safe_text import clean
from gradekit.sheets.marking import Marks, QuestionMark

COLUMN_CHROME = 3  # a column's left and right padding and its border on the right
TABLE_CHROME = 1  # the table's border on the left


def mark_cell_text(mark: QuestionMark | None) -> Text:
    """✓ full marks, ✗ none, the points for partial credit, - unanswered, ? unreadable, N✎ marked by hand."""
    if mark is None:
        return Text("")
    if mark.error:
        return Text("?", style="red")
    if mark.hand_marked and mark.given:
        return Text(f"{mark.points:g}✎", style="cyan")  # a person's mark
    if not mark.given:
        return Text("-", style="dim")
    if mark.correct:
        return Text("✓", style="green")
    if mark.points > 0:
        return Text(f"{mark.points:g}", style="yellow")
    return Text("✗", style="red")


def marks_tables(marks: Marks, width: int) -> list[Table]:
    """The marks as tables no wider than ``width`` when the ids allow (an id longer than the line folds)."""
    ids = list(dict.fromkeys(q.id for s in marks.students for q in s.questions))
    students = [Text(clean(s.student)) for s in marks.students]
    scores = [f"{s.score:g} / {s.max_score:g}" for s in marks.students]
    cells = {question_id: [mark_cell_text({q.id: q for q in s.questions}.get(question_id))
                           for s in marks.students] for question_id in ids}
    student_width = max([cell_len("student"), *(cell_len(line) for t in students for line in t.plain.split("\n"))])
    score_width = max([cell_len("score"), *map(cell_len, scores)])
    room = width - TABLE_CHROME - 2 * COLUMN_CHROME - student_width - score_width

    chunks: list[list[str]] = [[]]
    used = 0
    for question_id in ids:
        need = max([cell_len(question_id), *(t.cell_len for t in cells[question_id])]) + COLUMN_CHROME
        if chunks[-1] and used + need > room:
            chunks.append([])
            used = 0
        chunks[-1].append(question_id)
        used += need

    tables = []
    for chunk in chunks:
        title = "quiz marks" if len(chunks) == 1 else f"quiz marks, {chunk[0]} to {chunk[-1]}" if chunk else ""
        table = Table(title=title, title_justify="left")
        table.add_column("student", min_width=min(student_width, max(width - 2 * COLUMN_CHROME, 1)),
                         no_wrap=student_width <= width - 2 * COLUMN_CHROME, overflow="fold")
        table.add_column("score", justify="right", no_wrap=True)
        for question_id in chunk:
            table.add_column(question_id, justify="center", overflow="fold")
        for row, (student, score) in enumerate(zip(students, scores, strict=True)):
            table.add_row(student, score, *(cells[question_id][row] for question_id in chunk))
        tables.append(table)
    return tables
