"""``gradekit merge-marks``: hand marks into grade-all's reports and grades.csv, idempotently (issue 18)."""

from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from typer.testing import CliRunner

from gradekit.cli import app
from gradekit.lms.hand_marks import MarksError, merged_report, parse_marks

MARKS = ("student,item,points,max_points,problem,comment,visibility\n"
         "ada,written-analysis,8,10,,Clear account of the sweep,public\n"
         "bob,written-analysis,5,10,,The plot has no axes,\n"
         "bob,code-style,1,2,tiny-sampler,,\n")


@pytest.fixture
def out(graded, tmp_path):
    copy = tmp_path / "out"
    shutil.copytree(graded, copy)
    return copy


def merge(out, text: str, tmp_path, name: str = "marks.csv"):
    marks = tmp_path / name
    marks.write_text(text)
    return CliRunner().invoke(app, ["merge-marks", str(out), str(marks)])


def grades(out) -> dict[str, dict]:
    return {row["student"]: row for row in csv.DictReader(io.StringIO((out / "grades.csv").read_text()))}


def test_hand_marks_join_the_reports_and_grades_csv(out, tmp_path):
    result = merge(out, MARKS, tmp_path)
    assert result.exit_code == 0, result.output
    ada, bob = (json.loads((out / f"{s}.json").read_text()) for s in ("ada", "bob"))
    assert (ada["score"], ada["max_score"]) == (14, 16)
    hand = next(p for p in ada["problems"] if p["id"] == "hand-marked")
    assert hand["hand_marked"] and hand["checks"] == [{
        "name": "written-analysis", "score": 8.0, "max_score": 10.0, "visibility": "public", "passed": False,
        "message": "Clear account of the sweep", "hand_marked": True}]
    # bob: 2 graded + 1 style (in the autograded problem) + 5 analysis = 8, one day late at 10 %
    assert bob["late"]["score_before_penalty"] == 8 and bob["score"] == pytest.approx(7.2) and bob["max_score"] == 18
    sampler = next(p for p in bob["problems"] if p["id"] == "tiny-sampler")
    assert (sampler["score"], sampler["max_score"]) == (3, 8)
    table = grades(out)
    assert table["ada"]["score"] == "14" and table["ada"]["hand-marked"] == "8"
    assert table["bob"]["score"] == "7.2" and table["cy"]["hand-marked"] == ""
    assert "no hand mark for: cy, dee" in " ".join(result.output.split())


def test_merging_twice_changes_nothing(out, tmp_path):
    assert merge(out, MARKS, tmp_path).exit_code == 0
    first = {p.name: p.read_bytes() for p in out.glob("*.json")} | {"grades.csv": (out / "grades.csv").read_bytes()}
    assert merge(out, MARKS, tmp_path).exit_code == 0
    again = {p.name: p.read_bytes() for p in out.glob("*.json")} | {"grades.csv": (out / "grades.csv").read_bytes()}
    assert again == first


def test_a_changed_mark_replaces_the_old_one(out, tmp_path):
    assert merge(out, MARKS, tmp_path).exit_code == 0
    assert merge(out, MARKS.replace("ada,written-analysis,8", "ada,written-analysis,10"), tmp_path).exit_code == 0
    ada = json.loads((out / "ada.json").read_text())
    assert (ada["score"], ada["max_score"]) == (16, 16)


def test_a_fault_anywhere_writes_nothing(out, tmp_path):
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    result = merge(out, MARKS + "nobody,written-analysis,3,10,,,\n", tmp_path)
    assert result.exit_code == 2 and "no report" in result.output and "nobody" in result.output
    result = merge(out, MARKS.replace("code-style", "scale_is_lambda_times_x"), tmp_path)
    assert result.exit_code == 2 and "autograded check" in " ".join(result.output.split())
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before


def test_feedback_and_exports_show_the_hand_marks(out, tmp_path, tiny_course):
    assert merge(out, MARKS, tmp_path).exit_code == 0
    assert CliRunner().invoke(app, ["feedback", str(out), "--course", str(tiny_course)]).exit_code == 0
    page = (out / "feedback" / "ada.md").read_text()
    assert "written analysis** _(marked by hand)_: 8 / 10" in page and "Clear account of the sweep" in page
    assert "Marked by hand: 8 / 10" in page
    html = (out / "feedback" / "ada.html").read_text()
    assert "marked by hand" in html and "Clear account of the sweep" in html
    target = tmp_path / "export.csv"
    assert CliRunner().invoke(app, ["export-grades", str(out), "--to", "csv", "--output", str(target)]).exit_code == 0
    rows = {r["student"]: r for r in csv.DictReader(io.StringIO(target.read_text()))}
    assert rows["bob"]["score"] == "7.2" and rows["bob"]["max_score"] == "18"


@pytest.mark.parametrize("text, complaint", [
    ("student,item\nada,x\n", "needs the column"),
    ("student,item,points,max_points\nada,x,11,10\n", "more than max_points"),
    ("student,item,points,max_points\nada,x,-1,10\n", "must not be negative"),
    ("student,item,points,max_points\nada,x,two,10\n", "is not a number"),
    ("student,item,points,max_points,visibility\nada,x,1,10,secret\n", "public or hidden"),
    ("student,item,points,max_points\nada,x,1,10\nada,x,2,10\n", "already marked on row 2"),
])
def test_marks_file_faults_name_their_row(text, complaint):
    with pytest.raises(MarksError, match=complaint):
        parse_marks(text)


def test_a_report_mark_needs_its_maximum():
    (mark,) = parse_marks("student,item,points\nada,q7,2\n")
    with pytest.raises(MarksError, match="needs max_points"):
        merged_report({"score": 0, "max_score": 0, "problems": []}, [mark])
