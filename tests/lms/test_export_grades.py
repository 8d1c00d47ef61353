"""``gradekit export-grades``: Canvas, Moodle and plain CSV gradebooks from grade-all's reports (issue 18)."""

from __future__ import annotations

import csv
import io

import pytest
from typer.testing import CliRunner

from gradekit.cli import app
from gradekit.lms.roster import RosterError, parse_roster

ROSTER = ("student,name,id,sis_id,section,email,username\n"
          "ada,Ada Lovelace,1001,S-1,A,ada@uni.edu,ada\n"
          "bob,=HYPERLINK(\"http://x\"),1002,S-2,A,bob@uni.edu,bob\n"
          "cy,Cy Young,1003,S-3,B,cy@uni.edu,cy\n"
          "zed,Zed Shaw,1004,S-4,B,zed@uni.edu,zed\n")  # zed handed nothing in; dee is not on the roster


def export(graded, tmp_path, *options: str) -> tuple[list[list[str]], str]:
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER)
    target = tmp_path / "grades-export.csv"
    result = CliRunner().invoke(app, ["export-grades", str(graded), "--roster", str(roster), "--output", str(target),
                                      *options])
    assert result.exit_code == 0, result.output
    return list(csv.reader(io.StringIO(target.read_text()))), " ".join(result.output.split())


def test_canvas_gets_its_columns_and_the_late_penalty_applied(graded, tmp_path):
    rows, said = export(graded, tmp_path, "--to", "canvas")
    assert rows[0] == ["Student", "ID", "SIS User ID", "Section", "Tiny assignment (tiny)"]
    by_id = {row[1]: row for row in rows[1:]}
    assert by_id["1001"] == ["Ada Lovelace", "1001", "S-1", "A", "6"]
    assert by_id["1002"][4] == "1.8"  # 2 of 6, one day late at 10 % a day
    assert by_id["1003"][4] == "0"  # an empty folder is a submission that earned nothing
    assert by_id["1004"][4] == ""  # no submission: Canvas keeps what it has
    assert by_id["1002"][0] == "'=HYPERLINK(\"http://x\")"  # a formula in a name is text
    assert "no submission (left blank): zed" in said and "not on the roster (not exported): dee" in said


def test_moodle_gets_an_identifier_column_and_the_grade_item(graded, tmp_path):
    rows, _ = export(graded, tmp_path, "--to", "moodle", "--moodle-id", "username", "--missing-as-zero",
                     "--column", "Assignment 1")
    assert rows[0] == ["Username", "Assignment 1"]
    assert dict(rows[1:]) == {"ada": "6", "bob": "1.8", "cy": "0", "zed": "0"}


def test_the_plain_csv_keeps_the_penalty_apart_and_every_submission(graded, tmp_path):
    rows, _ = export(graded, tmp_path, "--to", "csv")
    header, body = rows[0], {row[0]: dict(zip(rows[0], row)) for row in rows[1:]}
    assert header == ["student", "name", "id", "sis_id", "section", "score", "max_score", "score_before_penalty",
                      "late_penalty", "days_late"]
    assert body["bob"]["score"] == "1.8" and body["bob"]["score_before_penalty"] == "2"
    assert body["bob"]["late_penalty"] == "0.1" and body["bob"]["days_late"] == "1"
    assert body["dee"]["score"] == "4" and body["dee"]["name"] == ""  # not on the roster, still listed here
    assert body["zed"]["score"] == ""


def test_a_roster_without_canvas_ids_is_a_clear_error(graded, tmp_path):
    roster = tmp_path / "roster.csv"
    roster.write_text("student,name\nada,Ada\n")
    result = CliRunner().invoke(app, ["export-grades", str(graded), "--to", "canvas", "--roster", str(roster),
                                      "--output", str(tmp_path / "x.csv")])
    assert result.exit_code == 2
    assert "the roster gives no id or sis_id (Canvas matches rows by them) for 1 student(s): ada (row 2)" in \
        " ".join(result.output.split())


def test_canvas_without_a_roster_is_a_clear_error(graded, tmp_path):
    result = CliRunner().invoke(app, ["export-grades", str(graded), "--to", "canvas", "--output",
                                      str(tmp_path / "x.csv")])
    assert result.exit_code == 2 and "--roster" in result.output


@pytest.mark.parametrize("text, complaint", [
    ("name,id\nAda,1\n", "needs a 'student' column"),
    ("student,id\nada,1\nada,2\n", "already on row 2"),
    ("student,id\n,1\n", "is empty"),
])
def test_roster_mistakes_name_the_row(text, complaint):
    with pytest.raises(RosterError, match=complaint):
        parse_roster(text)
