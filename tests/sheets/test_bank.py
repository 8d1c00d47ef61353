"""The question bank: the course's items are complete and printable; broken files are refused clearly."""

import numpy as np
import pytest

from gradekit.sheets.bank import BankError, load_bank
from gradekit.sheets.text import tex_escape


@pytest.fixture(scope="module")
def course_bank():
    return load_bank()  # the checkout's questions/


def test_the_course_bank_has_every_kind_of_item(course_bank):
    counts = {kind: len(course_bank.select(kind=kind)) for kind in ("truefalse", "multichoice", "short")}
    assert counts["truefalse"] >= 8 and counts["multichoice"] >= 8 and counts["short"] >= 3, counts


def test_every_item_names_its_source_and_explains_itself_in_one_line(course_bank):
    for item in course_bank.items:
        assert item.source, item.key
        assert item.explanation and "\n" not in item.explanation, item.key


def test_every_item_prints_in_latex(course_bank):
    for item in course_bank.items:
        for text in (item.prompt, item.correct, *item.wrong, item.explanation, item.model_answer):
            tex_escape(text)  # raises on a character with no LaTeX


def test_multiple_choice_options_are_distinct(course_bank):
    for item in course_bank.select(kind="multichoice"):
        options = (item.correct, *item.wrong)
        assert len(set(options)) == len(options) >= 3, item.key


def test_shuffled_options_keep_track_of_the_right_one(course_bank):
    item = course_bank.select(kind="multichoice")[0]
    for seed in range(10):
        question = item.ask(1, np.random.default_rng(seed))
        assert question.options[question.answer] == item.correct
        assert sorted(question.options) == sorted((item.correct, *item.wrong))


@pytest.mark.parametrize("toml, message", [
    ('[[items]]\nid = "a"\nkind = "essay"\nprompt = "p"\nexplanation = "e"\n', "kind must be one of"),
    ('[[items]]\nid = "a"\nkind = "truefalse"\nprompt = "p"\nexplanation = "e"\n', "missing answer"),
    ('[[items]]\nid = "a"\nkind = "truefalse"\nprompt = "p"\nexplanation = "e"\nanswer = "yes"\n',
     "true or false"),
    ('[[items]]\nid = "a"\nkind = "short"\nprompt = "p"\nexplanation = "e"\nmodel_answer = "m"\nhint = "h"\n',
     "unknown keys"),
    ('[[items]]\nid = "a"\nkind = "short"\nprompt = "p"\nexplanation = "e"\nmodel_answer = "m"\n' * 2,
     "two items have the id 'a'"),
    ('[[items]\n', "topic.toml"),
])
def test_a_broken_bank_file_is_refused_with_its_path_and_item(tmp_path, toml, message):
    (tmp_path / "topic.toml").write_text(toml)
    with pytest.raises(BankError, match=message):
        load_bank(tmp_path)
