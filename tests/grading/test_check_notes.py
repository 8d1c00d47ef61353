"""A passing check may say what it measured; the reports show it, and it never changes a score."""

import json

from rich.console import Console

from gradekit.grading.checks import CheckFailed, CheckSpec
from gradekit.grading.report import render_rich, to_json
from gradekit.grading.results import ProblemResult, SubmissionReport
from gradekit.grading.runner import run_check


def spec(function, description="Samples look like digits") -> CheckSpec:
    return CheckSpec(name="low_fid", points=4, visibility="hidden", description=description,
                     function=function, is_property=False)


def test_a_passing_check_shows_its_note_beside_its_property():
    result = run_check(spec(lambda student: "FID 55.6, at most 110"), student=None)
    assert result.passed and result.score == 4
    assert result.note == "FID 55.6, at most 110"
    assert result.message == "Samples look like digits: FID 55.6, at most 110"


def test_anything_but_a_string_is_no_note():
    result = run_check(spec(lambda student: 42.0), student=None)
    assert result.passed and result.note == "" and result.message == "Samples look like digits"


def test_a_failing_check_has_no_note_and_scores_nothing():
    def failing(student):
        raise CheckFailed("the FID is 700.0; it should be at most 110")

    result = run_check(spec(failing), student=None)
    assert not result.passed and result.score == 0 and result.note == ""


def test_reports_show_the_note_and_keep_the_documented_json_shape():
    passed = run_check(spec(lambda student: "FID 55.6, at most 110"), student=None)
    report = SubmissionReport("s", [ProblemResult("cgan", "Conditional GAN", "graded", [passed], 4.0)])
    console = Console(record=True, width=200)
    render_rich(report, console)
    assert "✓ low_fid FID 55.6, at most 110" in console.export_text()
    (check,) = json.loads(to_json(report))["problems"][0]["checks"]
    assert set(check) == {"name", "score", "max_score", "visibility", "passed", "message"}
    assert "FID 55.6" in check["message"]
