"""The class report of a graded synthetic class (conftest.py): its statistics, its flags, its pages.

The class holds correct, wrong, trivial and broken students, graded against
maxout and a copy of it with two checks made deliberately wrong; the report
must flag exactly those two, and its numbers must agree with the reports and
grades.csv that ``grade-all`` wrote.
"""

from __future__ import annotations

import csv
import json
import re
import statistics as pystats

import numpy as np
import pytest
from typer.testing import CliRunner

from synthetic_class import CLASS, EXAM_CHECK, ONE_UNIT_CHECK, QUICK, WRONG_KEY
from gradekit.class_report.load import load_reports
from gradekit.class_report.statistics import NEGATIVE_DISCRIMINATION, NOBODY_PASSES
from gradekit.cli import app


@pytest.fixture(scope="module")
def report_json(graded_class, class_problems_dir) -> dict:
    result = CliRunner().invoke(app, ["class-report", str(graded_class), "--format", "json",
                                      "--problems-dir", str(class_problems_dir)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def check_stats(report_json: dict, problem: str, name: str) -> dict:
    return next(c for c in report_json["checks"] if c["problem"] == problem and c["name"] == name)


def test_the_deliberately_wrong_checks_are_flagged_and_no_other(report_json):
    flagged = {(c["problem"], c["name"]): c["flags"] for c in report_json["checks"] if c["flags"]}
    assert flagged == {(WRONG_KEY, EXAM_CHECK): [NEGATIVE_DISCRIMINATION],
                       (WRONG_KEY, ONE_UNIT_CHECK): [NOBODY_PASSES]}


def test_the_same_check_discriminates_when_right_and_inverts_when_its_key_is_wrong(report_json):
    right = check_stats(report_json, QUICK, EXAM_CHECK)
    wrong = check_stats(report_json, WRONG_KEY, EXAM_CHECK)
    assert right["discrimination"] > 0.4 and wrong["discrimination"] < 0
    # the wrong key is passed by exactly the strided students, whom the right one fails
    strided = sum(kind == "strided" for kind in CLASS.values())
    graded = len(CLASS) - 3  # missing, import error, import that hangs
    assert wrong["passed"] == strided and wrong["attempted"] == graded
    assert right["passed"] + strided <= graded
    assert all(c["discrimination"] > 0 for c in report_json["checks"] if c["problem"] == QUICK)


def test_discrimination_is_the_correlation_of_passing_with_the_rest_of_the_score(report_json, graded_class):
    reports = load_reports(graded_class)
    for problem, name in [(QUICK, EXAM_CHECK), (WRONG_KEY, EXAM_CHECK), (QUICK, "works_row_by_row_on_batches")]:
        passed, rest = [], []
        for report in reports.values():
            result = next(p for p in report["problems"] if p["id"] == problem)
            if result["status"] == "graded":
                check = next(c for c in result["checks"] if c["name"] == name)
                passed.append(float(check["passed"]))
                rest.append(report["score"] - check["score"])
        expected = np.corrcoef(passed, rest)[0, 1]
        assert check_stats(report_json, problem, name)["discrimination"] == pytest.approx(expected, abs=1e-4)


def test_scores_statuses_and_histograms_agree_with_grades_csv(report_json, graded_class):
    with open(graded_class / "grades.csv", newline="") as file:
        rows = list(csv.DictReader(file))
    assert report_json["students"] == len(rows) == len(CLASS)
    for problem in report_json["problems"]:
        scores = [float(row[problem["id"]]) for row in rows]
        assert problem["mean"] == pytest.approx(pystats.mean(scores), abs=1e-4)
        assert problem["median"] == pytest.approx(pystats.median(scores))
        assert sum(problem["histogram"]["counts"]) == len(CLASS)
        assert problem["histogram"]["counts"][10] == scores.count(10.0)  # a bar per point, 0 to 10
        assert (problem["graded"], problem["missing"], problem["errored"], problem["timed_out"]) == (11, 1, 1, 1)
    assert report_json["total"]["mean"] == pytest.approx(pystats.mean(float(r["score"]) for r in rows), abs=1e-4)


def test_correct_students_fail_the_wrong_key_with_its_most_common_message(report_json):
    failure = check_stats(report_json, WRONG_KEY, EXAM_CHECK)["common_failure"]
    assert "expected [4., 7., 9., 8.]" in failure["message"]  # the strided answer of the exam's own order
    assert not failure["message"].startswith("The exam's")  # the description is said once, not per failure
    correct = sum(kind == "correct" for kind in CLASS.values())
    assert failure["count"] >= correct and failure["failures"] == len(CLASS) - 3 - 2


def test_runs_that_hit_a_limit_are_listed(report_json):
    incidents = {(i["student"], i["problem"], i["kind"]) for i in report_json["incidents"]}
    hang = next(s for s, kind in CLASS.items() if kind == "import-hangs")
    loop = next(s for s, kind in CLASS.items() if kind == "hangs-on-one-unit")
    assert incidents == {(hang, QUICK, "timeout"), (hang, WRONG_KEY, "timeout"),
                         (loop, QUICK, "limit"), (loop, WRONG_KEY, "limit")}
    assert all("did not answer within" in i["message"] for i in report_json["incidents"])


def test_the_html_page_is_one_file_with_its_histograms_inside(graded_class, class_problems_dir, tmp_path):
    page = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["class-report", str(graded_class), "--output", str(page),
                                      "--problems-dir", str(class_problems_dir)])
    assert result.exit_code == 0, result.output
    text = page.read_text()
    assert len(re.findall(r'<img [^>]*src="data:image/png;base64,', text)) == 1 + 2 + 1  # total, 2 problems, map
    assert "://" not in text and "@import" not in text  # nothing fetched from anywhere
    assert f'id="problem-{WRONG_KEY}"' in text and "negative discrimination" in text
    assert "The exam&#39;s 12 inputs" in text  # descriptions from the problem folders, escaped


def test_a_folder_without_reports_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(app, ["class-report", str(tmp_path)])
    assert result.exit_code == 2 and "holds no student report" in " ".join(result.output.split())
