"""What reaches a person is text: no student string drives a terminal, reorders a line or runs as markup.

``hostile/terminal-escapes`` puts ANSI and OSC escapes, 8-bit controls, bidi
overrides, carriage returns and rich markup into everything a report shows:
printed output, an exception's class name and message, the class name of a
returned object; the test adds its folder name. Its plain twin (the same code
with harmless strings) must get the same grade, check by check.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.console import Console

from gradekit.grading.attachments import Figure
from gradekit.grading.problem import load_problem
from gradekit.grading.report import render_rich, to_gradescope, to_json
from gradekit.grading.results import CheckResult, ProblemResult, SubmissionReport
from gradekit.grading.runner import grade_submission
from gradekit.safe_text import FORMULA_STARTS, MAX_STEM_BYTES, clean, csv_cell, file_stem, name_from_stem

HOSTILE = Path(__file__).resolve().parent / "hostile"

# A problem of the test's own, so that the grade it expects does not move with image-entropy's checks:
# one check the hostile submission passes, one where it raises, one (hidden) where it returns an object.
PROBE_TOML = """title = "Report probe"
points = 3
module = "image_entropy"
names = ["image_entropy"]

[limits]
wall_seconds = 30
call_seconds = 5
import_seconds = 10
"""
PROBE_PUBLIC = """import numpy as np

from gradekit.grading.api import check, expect_close, expect_real

EXAM = [[0, 1, 2, 3], [4, 5, 6, 7], [7, 6, 5, 4], [3, 2, 1, 0]]


@check(points=1)
def exam_image_has_entropy_three_bits(student):
    \"\"\"The exam's image has entropy 3 bits\"\"\"
    expect_close(expect_real(student.image_entropy(np.array(EXAM)), "image_entropy(exam)"), 3.0, "image_entropy(exam)")


@check(points=1)
def constant_image_has_zero_entropy(student):
    \"\"\"An image of one value has entropy 0\"\"\"
    expect_close(expect_real(student.image_entropy(np.zeros((2, 2), int)), "image_entropy(zeros)"), 0.0,
                 "image_entropy(zeros)")
"""
PROBE_HIDDEN = """import numpy as np

from gradekit.grading.api import check, expect_real


@check(points=1)
def two_levels_give_a_real_number(student):
    \"\"\"Two levels give a real number\"\"\"
    expect_real(student.image_entropy(np.array([[0, 1], [1, 1]])), "image_entropy(two levels)")
"""

# What must never reach a reader: C0 but tab and newline, DEL, C1, bidi controls, line and paragraph
# separators, invisible annotations and tags, lone surrogates.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069"
                    "\ufff9-\ufffb\U000e0000-\U000e007f\ud800-\udfff]")
RICH_STYLE = re.compile(r"\x1b\[[0-9;]*m")  # the SGR codes rich writes itself, on a colour terminal


@pytest.fixture(scope="module")
def problem(tmp_path_factory):
    target = tmp_path_factory.mktemp("problems") / "report-probe"
    target.mkdir()
    (target / "problem.toml").write_text(PROBE_TOML)
    (target / "public_checks.py").write_text(PROBE_PUBLIC)
    (target / "hidden_checks.py").write_text(PROBE_HIDDEN)
    return load_problem(target)


def grade_case(tmp_path: Path, problem, folder_name: str, *, plain: bool) -> SubmissionReport:
    folder = tmp_path / folder_name
    shutil.copytree(HOSTILE / "terminal-escapes", folder)
    (folder / "target.json").write_text(json.dumps({"plain": plain}))
    return grade_submission(folder, [problem])


@pytest.fixture(scope="module")
def graded(problem, tmp_path_factory) -> tuple[SubmissionReport, SubmissionReport]:
    root = tmp_path_factory.mktemp("escapes")
    hostile = grade_case(root, problem, "escapes-\x1b[2J\x1b]0;t\x07-[bold]x[/]-\u202e", plain=False)
    plain = grade_case(root, problem, "plain", plain=True)
    return hostile, plain


def strings_of(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in strings_of(k) + strings_of(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings_of(v)]
    return []


def test_hostile_strings_change_nothing_in_the_grade(graded):
    hostile, plain = graded
    assert hostile.score == plain.score == 1  # the exam image, and nothing else
    assert [(c.name, c.passed, c.score) for c in hostile.problems[0].checks] == \
           [(c.name, c.passed, c.score) for c in plain.problems[0].checks]


def test_the_hostile_strings_were_there_and_arrive_as_plain_text(graded):
    hostile, _ = graded
    problem = hostile.problems[0]
    messages = "\n".join(c.message for c in problem.checks)
    # what remains visible of each attack: the test would prove nothing if the strings never arrived
    assert "raised for a constant image" in messages and "PlainError" in messages and "PlainValue" in messages
    assert "[bold red]markup[/]" in messages and "printed at import" in problem.output
    for text in [hostile.submission, *hostile.warnings, problem.output, *(c.message for c in problem.checks)]:
        assert not UNSAFE.search(text), repr(text)


def test_json_and_gradescope_reports_carry_no_escapes(graded):
    hostile, _ = graded
    for data in (json.loads(to_json(hostile)), to_gradescope(hostile)):
        text = json.dumps(data)
        assert "\\u001b" not in text and "\\u009b" not in text and "\\u009d" not in text and "\\u202e" not in text
        assert not any(UNSAFE.search(s) for s in strings_of(data))
    assert json.loads(to_json(hostile)).keys() == {"submission", "score", "max_score", "problems"}  # shape unchanged


@pytest.mark.parametrize("terminal", [False, True], ids=["file", "colour-terminal"])
def test_the_rich_report_prints_markup_literally_and_no_escape_of_the_student(graded, terminal):
    hostile, _ = graded
    console = Console(file=io.StringIO(), width=300, force_terminal=terminal,
                      color_system="truecolor" if terminal else None)
    render_rich(hostile, console)
    text = console.file.getvalue()
    if terminal:
        assert RICH_STYLE.search(text)  # colours are on: rich writes its own codes...
        text = RICH_STYLE.sub("", text)  # ...and those are the only ones
    assert not UNSAFE.search(text), repr(UNSAFE.findall(text))
    assert "[bold red]markup[/]" in text  # printed, not obeyed
    assert "-[bold]x[/]-" in re.sub(r"\s+", "", text)  # the folder's name, in the title (which rich wraps)


def test_a_result_cleans_its_strings_when_it_is_made():
    check = CheckResult("name\x1b[2J", 0, 1, "public", False, "why\x1b]52;c;eA==\x07\u202e\r\n", "n\x9b")
    problem = ProblemResult("id\x07", "title\x1b", "error", [check], 1, "out\x1bc\rput")
    report = SubmissionReport("sub\x1b[H" + os.fsdecode(b"\xff"), [problem], ["warn\x1b[8m"])
    assert (check.name, check.message, check.note) == ("name[2J", "why]52;c;eA==\n", "n")
    assert (problem.id, problem.title, problem.output) == ("id", "title", "outc\nput")
    assert report.submission == "sub[H\\xff" and report.warnings == ["warn[8m"]

    figure = Figure("samples", "what you returned: \x1b]0;title\x07", b"\x89PNG\r\n\x1a\n" + bytes(8))
    drawn = CheckResult("drew", 1, 1, "public", True, "drew", figures=(figure,))
    assert drawn.figures[0].caption == "what you returned: ]0;title" and drawn.figures[0].png == figure.png


# ---------------------------------------------------------------- the text functions themselves


@given(st.text())
def test_clean_leaves_no_control_but_newline_and_tab_and_is_idempotent(text):
    cleaned = clean(text)
    assert not UNSAFE.search(cleaned) and "\r" not in cleaned
    assert clean(cleaned) == cleaned
    cleaned.encode("utf-8")  # writable to any UTF-8 file or terminal


@given(st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=50))
def test_clean_keeps_ordinary_text_as_it_is(text):
    if not UNSAFE.search(text):
        assert clean(text) == text


folder_names = st.binary(min_size=1, max_size=255).filter(lambda b: b"/" not in b and b"\0" not in b
                                                          and b not in (b".", b".."))


@given(folder_names)
def test_every_folder_name_has_a_safe_short_stem_that_leads_back_to_it(raw):
    name = os.fsdecode(raw)
    stem = file_stem(name)
    assert not UNSAFE.search(stem) and "\n" not in stem and "\t" not in stem
    assert len(stem.encode("utf-8")) <= MAX_STEM_BYTES  # ".<stem>.results.json.partial-<pid>" fits a file name
    if "~" in stem:  # too long to spell out: found again by stemming the folders' names
        with pytest.raises(ValueError):
            name_from_stem(stem)
    else:
        assert name_from_stem(stem) == name


@given(folder_names, folder_names)
def test_distinct_folder_names_have_distinct_stems(one, other):
    if one != other:
        assert file_stem(os.fsdecode(one)) != file_stem(os.fsdecode(other))


def test_ordinary_names_are_their_own_stem():
    for name in ["student-042", "Zoë Ng", "=HYPERLINK(x)", "a b"]:
        assert file_stem(name) == name
    assert file_stem("caf" + os.fsdecode(b"\xe9")) == "caf%E9" and file_stem("50%") == "50%25"
    assert file_stem("a~b") == "a%7Eb"
    long = file_stem("\x1b" * 250)
    assert long.startswith("%1B%1B") and long[-17] == "~" and len(long) <= MAX_STEM_BYTES


@given(st.text(max_size=30))
def test_no_csv_cell_starts_a_formula_once_read_back(text):
    buffer = io.StringIO()
    csv.writer(buffer).writerow([csv_cell(text), "1"])
    (cell, number), = csv.reader(io.StringIO(buffer.getvalue()))
    assert not cell.startswith(FORMULA_STARTS) and number == "1"
    assert cell in (clean(text), "'" + clean(text))
