"""Feedback students can read (issue 18): ``grade-all --feedback`` and ``gradekit feedback OUT/``."""

from __future__ import annotations

import json
import re
import shutil
from datetime import datetime, timezone

from typer.testing import CliRunner

from gradekit.cli import app
from gradekit.course.assignment import load_assignment
from gradekit.feedback.html import feedback_html
from gradekit.feedback.markdown import feedback_markdown
from gradekit.feedback.model import ProblemText, feedback_of, hidden_messages_allowed, split_outcome

HIDDEN_MESSAGE = "scale(10**6) is wrong"


def test_every_student_gets_a_markdown_and_an_html_page(graded):
    assert sorted(p.name for p in (graded / "feedback").iterdir()) == [
        f"{s}.{kind}" for s in ("ada", "bob", "cy", "dee") for kind in ("html", "md")]


def test_a_failed_public_check_shows_its_message_and_smallest_failing_input(graded):
    page = (graded / "feedback" / "bob.md").read_text()
    assert r"scale(x) returns $y = \lambda x$" in page  # the course's description, its TeX for Markdown viewers
    assert "scale(1) is wrong: got 3.0" in page
    assert re.search(r"smallest failing input:\s+```text\s+x=1\s+```", page)


def test_a_passed_metric_check_shows_its_margin_and_its_figure(graded):
    page = (graded / "feedback" / "ada.md").read_text()
    assert "the samples' mean brightness 0.5, at least 0.25" in page
    link = re.search(r"!\[[^]]*\]\(\.\./(ada\.figures/[^)]+\.png)\)", page).group(1)
    assert (graded / link).read_bytes().startswith(b"\x89PNG")
    report = json.loads((graded / "ada.json").read_text())
    check = next(c for c in report["problems"][0]["checks"] if c["name"] == "samples_are_bright_enough")
    assert check["figures"] == [{"name": "samples", "caption": "Your eight samples, as the grader drew them",
                                 "file": "tiny-sampler/samples_are_bright_enough-samples.png"}]


def test_a_failed_check_keeps_its_figure_too(graded):
    page = (graded / "feedback" / "dee.md").read_text()
    assert "the samples' mean brightness 0.1; it should be at least 0.25" in page
    assert "](../dee.figures/tiny-sampler/samples_are_bright_enough-samples.png)" in page


def test_the_late_penalty_is_shown(graded):
    page = (graded / "feedback" / "bob.md").read_text()
    assert "1 day(s) late" in page and "2 less 10% is 1.8 / 6" in page
    assert "late" not in (graded / "feedback" / "ada.md").read_text()


def test_nothing_handed_in_is_said_once(graded):
    page = (graded / "feedback" / "cy.md").read_text()
    assert page.count("tiny_sampler.py is missing") == 1


def test_hidden_messages_follow_the_assignment(graded, tiny_course):
    """Past the due date of an assignment that shows them: shown. Otherwise counted, never said."""
    report = json.loads((graded / "bob.json").read_text())
    after = datetime(2025, 1, 1, tzinfo=timezone.utc)
    before = datetime(2024, 9, 1, tzinfo=timezone.utc)
    shows = load_assignment(tiny_course / "assignments" / "tiny.toml")
    keeps = load_assignment(tiny_course / "assignments" / "tiny-kept.toml")
    assert hidden_messages_allowed(shows, after)[0]
    for assignment, now in ((shows, before), (keeps, after), (None, after)):
        allowed, why = hidden_messages_allowed(assignment, now)
        feedback = feedback_of("bob", report, {}, show_hidden=allowed, hidden_note=why)
        for page in (feedback_markdown(feedback), feedback_html(feedback)):
            assert HIDDEN_MESSAGE not in page and "scale_keeps_its_factor" not in page
            assert "1 hidden check(s): 0 passed" in page
    assert HIDDEN_MESSAGE in (graded / "feedback" / "bob.md").read_text()  # tiny is long past due


def test_the_html_page_is_self_contained(graded):
    page = (graded / "feedback" / "ada.html").read_text()
    assert not re.search(r"<script|<link|<iframe|<object|@import|url\(", page)
    assert re.findall(r'src="([^"]{0,22})', page) == ["data:image/png;base64,"]  # the figure, inside
    assert all(href.startswith("#") for href in re.findall(r'href="([^"]*)"', page))
    assert "<math" in page and "$" not in page  # the course's TeX typeset when written, none left raw


def test_student_strings_are_escaped_in_both_formats():
    hostile = "<script>alert(1)</script> ``` [link](javascript:alert(1))"
    report = {"score": 0, "max_score": 2, "problems": [{"id": "p", "score": 0, "max_score": 2, "status": "graded",
              "checks": [{"name": "c", "score": 0, "max_score": 2, "visibility": "public", "passed": False,
                          "message": f"c works: {hostile}\nsmallest failing input: x='{hostile}'"}]}]}
    feedback = feedback_of("<b>eve", report, {"p": ProblemText("P", "", {"c": "c works"})}, show_hidden=False)
    page = feedback_html(feedback)
    assert "<script>" not in page and "<b>eve" not in page and "&lt;script&gt;" in page
    markdown = feedback_markdown(feedback)
    fences = re.findall(r"^ *(`{3,})text$", markdown, flags=re.M)
    assert fences and all(len(f) > 3 for f in fences)  # longer than the student's ``` so it cannot close them


def test_split_outcome_takes_the_smallest_input_and_the_traceback_apart():
    why = "raised ValueError: no\nsmallest failing input: x=0\nTraceback (most recent call last):\n  line 3"
    assert split_outcome(why) == ("raised ValueError: no", "x=0", "Traceback (most recent call last):\n  line 3")
    assert split_outcome("got 3, expected 2") == ("got 3, expected 2", "", "")


def test_the_feedback_command_writes_the_pages_again(graded, tiny_course, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(graded, out)
    shutil.rmtree(out / "feedback")
    result = CliRunner().invoke(app, ["feedback", str(out), "--course", str(tiny_course)])
    assert result.exit_code == 0, result.output
    assert (out / "feedback" / "bob.md").read_text() == (graded / "feedback" / "bob.md").read_text()
    assert (out / "feedback" / "bob.html").read_text() == (graded / "feedback" / "bob.html").read_text()


def test_the_feedback_command_on_a_folder_without_reports_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(app, ["feedback", str(tmp_path)])
    assert result.exit_code == 2 and "no student report" in " ".join(result.output.split())
