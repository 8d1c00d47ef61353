"""``mark-quiz --marks``: the quiz's short answers count in max_score, their points from the marks file (issue 18)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gradekit.cli import app

BANK = Path(__file__).resolve().parents[1] / "sheets" / "data" / "bank"


def invoke(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture
def quiz(tmp_path):
    """A quiz of three sheets with one short answer each (q3, 2 points), and answers all right."""
    (tmp_path / "roster.csv").write_text("student\nada\nbob\nchen\n")
    result = invoke("quiz", "--seed", 7, "--out", tmp_path / "sheets", "--roster", tmp_path / "roster.csv",
                    "--questions", "image-entropy:1,sample:3", "--bank-dir", BANK)
    assert result.exit_code == 0, result.output
    key = json.loads((tmp_path / "sheets" / "key.json").read_text())
    columns = [q["id"] for q in key["sheets"][0]["questions"] if q["kind"] != "short"]
    rows = [",".join(["student", *columns])]
    for sheet in key["sheets"]:
        answers = {q["id"]: q["answer"] for q in sheet["questions"]}
        rows.append(",".join([sheet["student"], *(("T" if answers[c] else "F") if isinstance(answers[c], bool)
                                                  else str(answers[c]) for c in columns)]))
    (tmp_path / "answers.csv").write_text("\n".join(rows) + "\n")
    (short,) = [q for q in key["sheets"][0]["questions"] if q["kind"] == "short"]
    return tmp_path, short


def mark(folder, *extra):
    return invoke("mark-quiz", folder / "answers.csv", "--key", folder / "sheets" / "key.json", "--format", "json",
                  *extra)


def test_short_answers_count_in_max_score_and_take_their_marks_from_the_file(quiz):
    folder, short = quiz
    (folder / "marks.csv").write_text(f"student,item,points,max_points\nada,{short['id']},2,2\n"
                                      f"bob,{short['id']},0.5,\n")
    result = mark(folder, "--marks", folder / "marks.csv")
    assert result.exit_code == 0, result.output
    students = {s["student"]: s for s in json.loads(result.stdout)["students"]}
    automatic = students["chen"]["score"]
    assert all(s["max_score"] == automatic + short["hand_points"] for s in students.values())
    assert students["ada"]["score"] == students["ada"]["max_score"]
    assert students["bob"]["score"] == automatic + 0.5
    (hand,) = [q for q in students["bob"]["questions"] if q["id"] == short["id"]]
    assert hand["hand_marked"] and hand["points"] == 0.5 and hand["max_points"] == short["hand_points"]
    assert "not marked by hand yet: 1 short answer(s)" in " ".join(result.stderr.split())  # chen's


def test_without_marks_the_short_answers_count_zero_and_it_says_so(quiz):
    folder, short = quiz
    result = mark(folder)
    students = json.loads(result.stdout)["students"]
    assert all(s["max_score"] - s["score"] == short["hand_points"] for s in students)
    assert "not marked by hand yet: 3 short answer(s)" in " ".join(result.stderr.split())


@pytest.mark.parametrize("row, complaint", [
    ("dan,{q},1,", "has no sheet in the key"),
    ("ada,q1,1,", "is not a short-answer question"),
    ("ada,{q},3,", "more than its 2"),
    ("ada,{q},1,5", "the key gives it 2"),
])
def test_marks_that_do_not_fit_the_key_are_refused(quiz, row, complaint):
    folder, short = quiz
    (folder / "marks.csv").write_text("student,item,points,max_points\n" + row.format(q=short["id"]) + "\n")
    result = mark(folder, "--marks", folder / "marks.csv")
    assert result.exit_code == 2 and complaint in " ".join(result.output.split())
