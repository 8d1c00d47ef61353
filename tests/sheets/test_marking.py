"""Marking answer CSVs: the key's own answers get full marks, and every fault costs only its cell."""

import json

import pytest

from gradekit.sheets.key import KeyFileError, answer_template, dump_key, read_key
from gradekit.sheets.marking import mark_answers, mark_cell, parse_numbers

KEY = read_key(json.dumps({"seed": 1, "sheets": [
    {"student": student, "questions": [
        {"id": "q1", "problem": "image-entropy", "kind": "numeric", "answer": 1.75, "tolerance": 0.01, "points": 4},
        {"id": "q2", "problem": "maxout", "kind": "numeric", "answer": [3, 6, 1, 9], "tolerance": 0, "points": 2},
        {"id": "q3a", "problem": "pooling", "kind": "numeric", "answer": [7, 15.5, 9, 2.5], "tolerance": 0.01,
         "points": 2},
        {"id": "q4", "problem": "gan/minimax", "kind": "truefalse", "answer": False, "tolerance": 0, "points": 1},
        {"id": "q5", "problem": "vae/blur", "kind": "multichoice", "answer": "C", "choices": 4, "tolerance": 0,
         "points": 2},
        {"id": "q6", "problem": "vae/why", "kind": "short", "answer": "model answer", "tolerance": 0, "points": 0},
    ]} for student in ("ada", "bob", "chen")]}))

HEADER = "student,q1,q2,q3a,q4,q5\n"
RIGHT = "1.75,3 6 1 9,7 15.5 9 2.5,F,C"


def by_student(marks):
    return {s.student: s for s in marks.students}


def test_the_keys_own_answers_get_full_marks():
    marks = mark_answers(HEADER + "".join(f"{s},{RIGHT}\n" for s in ("ada", "bob", "chen")), KEY)
    assert not marks.problems and not marks.absent
    assert [(s.score, s.max_score) for s in marks.students] == [(11, 11)] * 3


@pytest.mark.parametrize("question, wrong", [("q1", "1.80"), ("q2", "3 6 1 8"), ("q3a", "7 15 9 2.5"),
                                             ("q4", "T"), ("q5", "a")])
def test_a_wrong_answer_loses_exactly_that_questions_points(question, wrong):
    cells = dict(zip(["q1", "q2", "q3a", "q4", "q5"], RIGHT.split(",")))
    cells[question] = wrong
    marks = mark_answers(HEADER + "ada," + ",".join(cells.values()) + "\n", KEY)
    (ada,) = marks.students
    lost = {q.id: q.max_points - q.points for q in ada.questions}
    assert {q: points for q, points in lost.items() if points} == {question: lost[question]}
    assert lost[question] > 0 and not marks.problems


def test_an_answer_within_its_tolerance_is_right():
    assert mark_cell(KEY.sheets["ada"][0], "1.7599").correct
    assert not mark_cell(KEY.sheets["ada"][0], "1.7601").correct


def test_a_malformed_cell_names_its_row_and_column_and_costs_only_that_cell():
    text = HEADER + f"ada,{RIGHT}\nbob,1.75,3 six 1 9,7 15.5 9 2.5,F,C\nchen,{RIGHT}\n"
    marks = mark_answers(text, KEY)
    (problem,) = marks.problems
    assert (problem.row, problem.column) == (3, "q2") and "'six' is not a number" in problem.message
    scores = {s.student: s.score for s in marks.students}
    assert scores == {"ada": 11, "bob": 9, "chen": 11}


@pytest.mark.parametrize("cell, message", [("3 6 1", "expected 4 numbers, got 3"), ("maybe", "not a number")])
def test_an_array_cell_needs_as_many_numbers_as_the_key(cell, message):
    mark = mark_cell(KEY.sheets["ada"][1], cell)
    assert mark.points == 0 and message in mark.error


def test_choice_cells_that_are_not_options_are_errors():
    assert "not one of the options A-D" in mark_cell(KEY.sheets["ada"][4], "E").error
    assert "not true or false" in mark_cell(KEY.sheets["ada"][3], "yes").error


def test_option_letters_and_truth_values_are_read_leniently():
    assert mark_cell(KEY.sheets["ada"][4], " (c) ").correct
    assert mark_cell(KEY.sheets["ada"][3], "false").correct and mark_cell(KEY.sheets["ada"][3], "f").correct


def test_numbers_may_be_fractions_or_bracketed_lists():
    assert parse_numbers("1/9") == [pytest.approx(1 / 9)]
    assert parse_numbers("[[13, 22], [17, 4]]") == [13, 22, 17, 4]
    assert parse_numbers("-3;2.5e-1") == [-3, 0.25]


def test_an_empty_cell_is_unanswered_not_an_error():
    marks = mark_answers(HEADER + "ada,,3 6 1 9,,,\n", KEY)
    assert not marks.problems and marks.students[0].score == 2


def test_an_unknown_student_is_reported_and_the_others_are_marked():
    marks = mark_answers(HEADER + f"ada,{RIGHT}\nzed,{RIGHT}\n", KEY)
    assert [(p.row, p.column) for p in marks.problems] == [(3, "student")]
    assert "unknown student 'zed'" in marks.problems[0].message
    assert list(by_student(marks)) == ["ada"] and marks.absent == ("bob", "chen")


def test_a_missing_column_is_reported_once_and_scores_zero_for_everyone():
    header = "student,q1,q2,q4,q5\n"
    marks = mark_answers(header + "ada,1.75,3 6 1 9,F,C\nbob,1.75,3 6 1 9,F,C\n", KEY)
    assert [(p.row, p.column) for p in marks.problems] == [(1, "q3a")]
    assert "missing column" in marks.problems[0].message
    assert [s.score for s in marks.students] == [9, 9]


def test_an_unknown_or_repeated_column_is_reported_and_ignored():
    header = "student,q1,q2,q3a,q4,q5,q9,q1\n"
    marks = mark_answers(header + f"ada,{RIGHT},1,2\n", KEY)
    assert [(p.row, p.column) for p in marks.problems] == [(1, "q9"), (1, "q1")]
    assert marks.students[0].score == 11


def test_a_repeated_student_row_is_not_marked_twice():
    marks = mark_answers(HEADER + f"ada,{RIGHT}\nada,0,0 0 0 0,0 0 0 0,T,A\n", KEY)
    assert [(p.row, p.column) for p in marks.problems] == [(3, "student")]
    assert marks.students[0].score == 11


def test_without_a_student_column_nothing_can_be_marked():
    marks = mark_answers("name,q1\nada,1.75\n", KEY)
    assert not marks.students and marks.problems[0].column == "student"


def test_an_answer_template_marks_to_zero_without_complaint(make):
    quiz = make(7, "image-entropy:1,tf-idf:1,sample:3", ["ada", "bob"])
    key = read_key(dump_key(quiz))
    marks = mark_answers(answer_template(quiz), key)
    assert not marks.problems and [s.score for s in marks.students] == [0, 0]
    assert answer_template(quiz).splitlines()[0] == "student," + ",".join(key.columns)


def test_a_generated_quizs_own_key_gets_full_marks(make):
    quiz = make(7, "image-entropy:2,tf-idf:1,sample:3", ["ada", "bob", "chen"])
    key = read_key(dump_key(quiz))
    rows = [f"{student}," + ",".join(_cell(q) for q in questions if q.answerable)
            for student, questions in key.sheets.items()]
    by_hand = {student: {q.id: f"{q.hand_points:g}" for q in questions if q.kind == "short"}
               for student, questions in key.sheets.items()}  # full marks for the short answers too
    marks = mark_answers("student," + ",".join(key.columns) + "\n" + "\n".join(rows) + "\n", key, by_hand)
    assert not marks.problems
    hand_points = sum(q.hand_points for q in key.sheets["ada"] if q.kind == "short")
    assert all(s.score == s.max_score == quiz.sheets[0].max_points + hand_points for s in marks.students)


def _cell(question):
    if question.kind == "truefalse":
        return "T" if question.answer else "F"
    if question.kind == "multichoice":
        return question.answer
    if isinstance(question.answer, list):
        return " ".join(repr(v) for v in question.answer)
    return repr(question.answer)


@pytest.mark.parametrize("text, message", [("{", "not JSON"), ('{"sheets": []}', "holds no sheet"),
                                           ('{"sheets": [{"student": "a", "questions": [{"id": "q1"}]}]}',
                                            r"questions\[0\]: missing problem")])
def test_a_broken_key_is_refused_with_where(text, message):
    with pytest.raises(KeyFileError, match=message):
        read_key(text)


def test_an_array_earns_its_share_of_the_points_for_each_number_within_tolerance():
    maxout, pooling = KEY.sheets["ada"][1], KEY.sheets["ada"][2]  # 4 numbers for 2 points each
    assert [mark_cell(maxout, given).points for given in ("3 6 1 9", "3 6 1 0", "3 0 0 0", "0 0 0 0")] == [
        2, 1.5, 0.5, 0]
    assert mark_cell(pooling, "7.005 15.5 9 2.6").points == 1.5  # 2.6 is out of the tolerance 0.01
    assert not mark_cell(maxout, "3 6 1 0").correct


def test_a_column_for_a_hand_marked_question_says_where_its_marks_come_from():
    header = "student,q1,q2,q3a,q4,q5,q6\n"
    marks = mark_answers(header + f"ada,{RIGHT},my short answer\n", KEY)
    assert [(p.row, p.column) for p in marks.problems] == [(1, "q6")]
    assert "marked by hand" in marks.problems[0].message and "--marks" in marks.problems[0].message
