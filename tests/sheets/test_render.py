"""Rendered sheets: golden files pin one small quiz in every format; each format's own rules.

To accept a deliberate change of layout, regenerate the golden files with
``GRADEKIT_UPDATE_GOLDEN=1 python -m pytest tests/sheets/test_render.py`` and
review the diff.
"""

import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from gradekit.sheets.key import answer_template, dump_key
from gradekit.sheets.model import ChoiceQuestion, Quiz, Sheet
from gradekit.sheets.render import cloze_blanks, render
from gradekit.sheets.text import format_number, tex_escape
from gradekit.sheets.write import sheet_stem, write_quiz

GOLDEN = Path(__file__).resolve().parent / "golden"
GOLDEN_QUESTIONS = "image-entropy:1,pooling:1,sample:3"  # a number, two 2x2 grids, each kind of item
SUFFIX = {"md": "md", "html": "html", "tex": "tex", "moodle": "xml"}


@pytest.fixture(scope="module")
def golden_quiz(make):
    return make(7, GOLDEN_QUESTIONS, ["ada"])


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("GRADEKIT_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} changed: see the module docstring to update it"


@pytest.mark.parametrize("format", ["md", "html", "tex", "moodle"])
def test_the_sheet_matches_its_golden_file(golden_quiz, format):
    check_golden(f"sheet.{SUFFIX[format]}", render(format, golden_quiz, golden_quiz.sheets, show_key=False))


@pytest.mark.parametrize("format", ["md", "html", "tex"])
def test_the_key_matches_its_golden_file(golden_quiz, format):
    check_golden(f"key.{SUFFIX[format]}", render(format, golden_quiz, golden_quiz.sheets, show_key=True))


def test_key_json_and_the_answer_template_match_their_golden_files(golden_quiz):
    check_golden("key.json", dump_key(golden_quiz))
    check_golden("answers.csv", answer_template(golden_quiz))


@pytest.mark.parametrize("format", ["md", "html", "tex", "moodle"])
def test_the_same_seed_renders_the_same_bytes_and_another_seed_does_not(make, format):
    first, again, other = (make(seed, GOLDEN_QUESTIONS, ["ada", "bob"]) for seed in (7, 7, 8))
    assert render(format, first, first.sheets, show_key=True) == render(format, again, again.sheets, show_key=True)
    assert render(format, first, first.sheets, show_key=True) != render(format, other, other.sheets, show_key=True)


def test_a_sheet_never_shows_its_answers(golden_quiz):
    questions = golden_quiz.sheets[0].questions
    for format in ("md", "html", "tex"):
        sheet = render(format, golden_quiz, golden_quiz.sheets, show_key=False)
        assert "Answer" not in sheet and "answer key" not in sheet
        assert "seed" not in sheet, "with the seed and the tools a student could make the key"
        for hidden in [q.explanation for q in questions if hasattr(q, "explanation")] + [
                q.model_answer for q in questions if hasattr(q, "model_answer")]:
            assert hidden[:40] not in sheet


def test_html_needs_no_network(golden_quiz):
    page = render("html", golden_quiz, golden_quiz.sheets, show_key=True)
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page
    assert not re.search(r"(src|href)\s*=|@import|url\(|https?://", page)
    assert "H = −∑ pᵢ log₂ pᵢ" in page, "math is Unicode text"


def test_html_and_moodle_escape_text():
    question = ChoiceQuestion(number=1, item="t/x", kind="multichoice", prompt="Is a < b & c?",
                              options=("<b>yes</b>", "no"), answer=0, explanation="x", points=1)
    quiz = Quiz(seed=1, variant="random", sheets=(Sheet("ada", (question,)),))
    page = render("html", quiz, quiz.sheets, show_key=False)
    assert "Is a &lt; b &amp; c?" in page and "&lt;b&gt;yes&lt;/b&gt;" in page
    root = ET.fromstring(render("moodle", quiz, quiz.sheets, show_key=False))
    assert "Is a &lt; b &amp; c?" in root.find("question[@type='multichoice']/questiontext/text").text


def test_moodle_xml_has_a_quiz_root_and_the_question_types(golden_quiz):
    root = ET.fromstring(render("moodle", golden_quiz, golden_quiz.sheets, show_key=False))
    assert root.tag == "quiz"
    types = [q.get("type") for q in root.findall("question")]
    assert types[0] == "category"
    assert sorted(types[1:]) == ["cloze", "essay", "multichoice", "numerical", "truefalse"]
    numerical = root.find("question[@type='numerical']")
    assert float(numerical.find("answer/tolerance").text) == 0.01
    assert numerical.find("answer").get("fraction") == "100"
    choice = root.find("question[@type='multichoice']")
    assert choice.find("shuffleanswers").text == "false", "options are already shuffled per student"
    assert [a.get("fraction") for a in choice.findall("answer")].count("100") == 1
    cloze = root.find("question[@type='cloze']/questiontext/text").text
    assert len(re.findall(r"\{1:NUMERICAL:=[^:}]+:0\.0\}", cloze)) == 4, "max pooling: 4 exact numbers"
    assert len(re.findall(r"\{1:NUMERICAL:=[^:}]+:0\.01\}", cloze)) == 4, "average pooling: 4 numbers"


def test_cloze_weights_follow_the_parts_points(make):
    tf_idf = make(7, "tf-idf:1", None).sheets[0].questions[0]
    weights = [[int(blank[1:].split(":")[0]) for blank in part] for part in cloze_blanks(tf_idf)]
    assert weights == [[1], [1], [2]]  # TF 1 point, IDF 1 point, TF-IDF 2 points


def test_tex_escape_handles_specials_and_unicode_math():
    assert tex_escape("50% of x_t & {y} \\ ~") == r"50\% of x\_t \& \{y\} \textbackslash{} \ensuremath{\sim}"
    assert tex_escape("σ² ≈ 1") == r"\ensuremath{\sigma ^2} \ensuremath{\approx} 1"
    with pytest.raises(ValueError, match="no LaTeX for '☃'"):
        tex_escape("☃")


def test_numbers_print_without_a_useless_point():
    assert [format_number(v) for v in (3.0, 15.5, -0.0, 1 / 9, 3136)] == ["3", "15.5", "0", "0.111111", "3136"]


def test_file_names_are_safe_and_unique():
    assert sheet_stem(Sheet("", ())) == "sheet"
    assert sheet_stem(Sheet("ada", ())) == "sheet-ada"
    assert sheet_stem(Sheet("../etc", ())) != sheet_stem(Sheet("__etc", ()))
    assert "/" not in sheet_stem(Sheet("../etc", ()))


def test_write_quiz_writes_one_file_per_sheet_the_key_and_key_json(make, tmp_path):
    quiz = make(7, "image-entropy:1,sample:1", ["ada", "bob"])
    written = write_quiz(quiz, "moodle", tmp_path)
    assert sorted(p.name for p in written) == ["key.json", "key.md", "sheet-ada.xml", "sheet-bob.xml"]


# --- Moodle's marks: a cloze question imports at the sum of its fields' whole weights ------------

CLOZE_FIELD = re.compile(r"\{(\d*):NUMERICAL:=([^:}]+):([^}]+)\}")


def moodle_marks(question: ET.Element) -> float:
    """The marks Moodle gives a question on import: ``defaultgrade``, or for a cloze question the sum of
    its fields' weights (Moodle ignores ``defaultgrade`` there; an empty weight counts 1)."""
    if question.get("type") == "cloze":
        return sum(int(weight or 1) for weight, _, _ in CLOZE_FIELD.findall(question.find("questiontext/text").text))
    return float(question.find("defaultgrade").text)


def moodle_cloze_points(question: ET.Element, numbers: list[float]) -> float:
    """What Moodle gives a cloze question whose fields, in order, hold ``numbers``: each field's weight
    when the number is within its tolerance of the answer."""
    fields = CLOZE_FIELD.findall(question.find("questiontext/text").text)
    assert len(fields) == len(numbers)
    return sum(int(weight or 1) for (weight, answer, tolerance), given in zip(fields, numbers)
               if abs(given - float(answer)) <= float(tolerance) + 1e-12)


@pytest.mark.parametrize("variant", ["random", "exam"])
def test_every_family_imports_into_moodle_at_its_sheets_points(make, variants, variant):
    families = [p for p in sorted(variants) if variant == "random" or variants[p].has_exam]
    quiz = make(7, ",".join(families), [f"s{i}" for i in range(12)], variant=variant)
    root = ET.fromstring(render("moodle", quiz, quiz.sheets, show_key=False))
    imported = [q for q in root.findall("question") if q.get("type") != "category"]
    on_sheets = [q for sheet in quiz.sheets for q in sheet.questions]
    assert len(imported) == len(on_sheets)
    for xml_question, question in zip(imported, on_sheets):
        assert moodle_marks(xml_question) == question.points, f"{question.problem}: Moodle and the sheet disagree"
    assert {q.get("type") for q in imported} == {"numerical", "cloze"}


def test_moodle_and_mark_quiz_give_the_same_partial_credit_for_a_partly_right_array(make):
    from gradekit.sheets.key import read_key
    from gradekit.sheets.marking import mark_answers

    quiz = make(7, "pooling:1,maxout:1", ["ada"])
    pooling, maxout = quiz.sheets[0].questions
    root = ET.fromstring(render("moodle", quiz, quiz.sheets, show_key=False))
    xml_pooling, xml_maxout = root.findall("question[@type='cloze']")
    max_pooled, avg_pooled = (list(part.answer) for part in pooling.parts)
    y = list(maxout.parts[0].answer)
    given_max = max_pooled[:3] + [max_pooled[3] + 1]  # 3 of 4 right
    given_avg = [avg_pooled[0] + 0.5] + avg_pooled[1:2] + [v + 0.5 for v in avg_pooled[2:]]  # 1 of 4 right
    given_y = [y[0]] + [v - 1 for v in y[1:]]  # the first unit right
    cells = ["ada", *(" ".join(map(str, numbers)) for numbers in (given_max, given_avg, given_y))]
    marks = mark_answers("student,q1a,q1b,q2\n" + ",".join(cells) + "\n", read_key(dump_key(quiz)))
    points = {q.id: q.points for q in marks.students[0].questions}
    assert points["q1a"] + points["q1b"] == moodle_cloze_points(xml_pooling, given_max + given_avg) == 3 + 1
    assert points["q2"] == moodle_cloze_points(xml_maxout, given_y) == maxout.points / len(y)
    assert 0 < points["q2"] < maxout.points
