"""From a seed and a roster to sheets: determinism, per-student variation, and clear errors."""

import os
import subprocess
import sys

import pytest

from gradekit.sheets.generate import QuizError, Request, make_quiz, parse_questions
from gradekit.sheets.model import ChoiceQuestion, NumericQuestion, ShortQuestion
from gradekit.sheets.roster import read_roster
from gradekit.sheets.seeding import rng_for

ROSTER = ["ada", "bob", "chen", "dana", "eve", "farid"]
QUESTIONS = "image-entropy:2,tf-idf:1,sample:3"


def numbers(sheet):
    return [part.answer for q in sheet.questions if isinstance(q, NumericQuestion) for part in q.parts]


def test_the_same_seed_gives_the_same_quiz(make):
    assert make(7, QUESTIONS, ROSTER) == make(7, QUESTIONS, ROSTER)


def test_different_seeds_give_different_numbers(make):
    first, second = make(7, QUESTIONS, ROSTER), make(8, QUESTIONS, ROSTER)
    for a, b in zip(first.sheets, second.sheets):
        assert numbers(a) != numbers(b)


def test_students_get_different_numbers(make):
    quiz = make(7, QUESTIONS, ROSTER)
    assert len({repr(numbers(sheet)) for sheet in quiz.sheets}) == len(ROSTER)


def test_a_students_sheet_depends_on_the_seed_and_their_id_only(make):
    """Not on the roster's order or on who else is in it."""
    whole = {s.student: s for s in make(7, QUESTIONS, ROSTER).sheets}
    alone = make(7, QUESTIONS, ["chen"]).sheets[0]
    reordered = {s.student: s for s in make(7, QUESTIONS, ROSTER[::-1]).sheets}
    assert alone == whole["chen"] == reordered["chen"]


def test_adding_a_question_keeps_the_earlier_questions_numbers(make):
    short = make(7, "image-entropy:1", ["ada"]).sheets[0]
    longer = make(7, "image-entropy:1,tf-idf:1", ["ada"]).sheets[0]
    assert longer.questions[0] == short.questions[0]


def test_every_student_answers_the_same_bank_items_with_their_own_option_order(make):
    quiz = make(3, "multichoice:1,truefalse:1,short:1", ROSTER)
    for position in range(3):
        assert len({sheet.questions[position].item for sheet in quiz.sheets}) == 1
    orders = {sheet.questions[0].options for sheet in quiz.sheets}
    assert len(orders) > 1, "six students, four options: the orders should not all agree"
    for sheet in quiz.sheets:
        question = sheet.questions[0]
        assert question.options[question.answer].startswith("A pixel-wise reconstruction loss")


def test_bank_items_are_not_repeated_on_a_sheet(make):
    quiz = make(11, "multichoice:1,sample:2", ["ada"])
    items = [q.item for q in quiz.sheets[0].questions]
    assert len(items) == len(set(items)) == 3, "sample:2 must take the two items multichoice:1 left"


def test_asking_for_more_items_than_the_bank_has_is_an_error(make):
    with pytest.raises(QuizError, match="more items than the bank has left"):
        make(1, "truefalse:2", None)


def test_question_ids_number_the_questions_and_letter_the_parts(make):
    sheet = make(7, "image-entropy:1,tf-idf:1,sample:3", None).sheets[0]
    assert sheet.answer_ids()[:4] == ["q1", "q2a", "q2b", "q2c"]
    short = [q for q in sheet.questions if isinstance(q, ShortQuestion)]
    assert short and short[0].id not in sheet.answer_ids(), "short answers are marked by hand"


def test_the_default_sheet_mixes_calculations_and_every_kind_of_item(variants, sample_bank):
    quiz = make_quiz(seed=5, students=None, variants=variants, bank=sample_bank)
    kinds = [type(q) for q in quiz.sheets[0].questions]
    assert kinds.count(NumericQuestion) == min(4, len(variants))
    assert ChoiceQuestion in kinds and ShortQuestion in kinds


def test_without_a_roster_there_is_one_unnamed_sheet(make):
    quiz = make(7, "image-entropy", None)
    assert [s.student for s in quiz.sheets] == [""]


def test_the_exam_variant_gives_everyone_the_exam_numbers(make):
    quiz = make(7, "image-entropy:1", ROSTER, variant="exam")
    assert {sheet.questions[0].parts[0].answer for sheet in quiz.sheets} == {(3.0,)}


def test_parse_questions_reads_names_and_counts():
    assert parse_questions("image-entropy:2, maxout ,truefalse:3") == [
        Request("image-entropy", 2), Request("maxout", 1), Request("truefalse", 3)]


@pytest.mark.parametrize("text", ["maxout:0", "maxout:two", "", "a b:1"])
def test_parse_questions_rejects_malformed_requests(text):
    with pytest.raises(QuizError):
        parse_questions(text)


def test_an_unknown_source_names_what_is_known(make):
    with pytest.raises(QuizError, match="unknown question source 'entropy'.*image-entropy"):
        make(1, "entropy:1", None)


@pytest.mark.parametrize("students, message", [([], "names no student"), (["ada", " "], "empty student"),
                                               (["ada", "ada"], "more than once")])
def test_a_bad_roster_is_refused(make, students, message):
    with pytest.raises(QuizError, match=message):
        make(1, "image-entropy", students)


def test_a_negative_seed_is_refused(make):
    with pytest.raises(ValueError, match="non-negative"):
        make(-1, "image-entropy", None)


def test_read_roster_takes_the_student_column_and_skips_blank_rows():
    assert read_roster("name,student\nAda,ada\n,\nBob, bob \n") == ["ada", "bob"]


@pytest.mark.parametrize("text, message", [("name\nAda\n", "'student' column"), ("student\nada\nada\n", "row 3"),
                                           ("student,name\n,Ada\n", "empty")])
def test_read_roster_errors_name_the_row(text, message):
    with pytest.raises(QuizError, match=message):
        read_roster(text, "roster.csv")


def test_draws_do_not_depend_on_pythons_salted_hash():
    """Another interpreter, with another PYTHONHASHSEED, draws the same numbers for a student."""
    code = "from gradekit.sheets.seeding import rng_for; print(rng_for(7, 'ada', 'maxout/1').integers(10**9, size=3))"
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": "12345"}).stdout
    assert other == str(rng_for(7, "ada", "maxout/1").integers(10**9, size=3)) + "\n"
