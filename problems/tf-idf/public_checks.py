"""Public checks: the exam's worked answer on its five-sentence corpus, and documents without tokens."""

import math

from gradekit.grading.api import (StudentRaised, check, expect_between, expect_close, expect_equal, expect_real,
                                  expect_true, show)

from .strategies import EXAM_CORPUS

EXAM_TOKENS = [
    ["the", "quick", "brown", "fox", "jumps", "over", "the", "lazy", "dog"],
    ["lazy", "foxes", "lie", "low"],
    ["the", "quick", "yellow", "bird", "flies", "high"],
    ["high", "and", "low", "the", "bird", "flies"],
    ["a", "quick", "bird", "jumps", "over", "lazy", "dogs"],
]


@check(points=0, precondition=True)
def returns_the_contract_types(student):
    """tokenize returns a list of strings; tf, idf and tf_idf return real numbers"""
    calls = [("tokenize", (EXAM_CORPUS[1],), "tokenize(document 2)"),
             ("tf", ("lazy", EXAM_CORPUS[1]), 'tf("lazy", document 2)'),
             ("idf", ("lazy", EXAM_CORPUS), 'idf("lazy", corpus)'),
             ("tf_idf", ("lazy", EXAM_CORPUS[1], EXAM_CORPUS), 'tf_idf("lazy", document 2, corpus)')]
    for name, arguments, what in calls:
        try:
            value = student.call(name, *arguments)
        except StudentRaised:
            continue  # not written yet, or wrong: the checks of that function say so; this one is about types
        if name == "tokenize":
            expect_true(isinstance(value, list) and all(isinstance(token, str) for token in value),
                        f"{what} should be a list of strings, but it is {show(value)}")
        else:
            expect_real(value, what)


@check(points=1)
def exam_corpus_tokenizes_to_lowercase_words(student):
    """The exam's sentences tokenize to lowercase words without punctuation"""
    for number, (sentence, tokens) in enumerate(zip(EXAM_CORPUS, EXAM_TOKENS), start=1):
        expect_equal(student.tokenize(sentence), tokens, f"tokenize(document {number})")


@check(points=1)
def exam_tf_of_quick_in_document_1_is_one_ninth(student):
    """TF("quick", document 1) = 1/9: one "quick" among nine tokens"""
    value = expect_real(student.tf("quick", EXAM_CORPUS[0]), 'tf("quick", document 1)')
    expect_close(value, 1 / 9, 'tf("quick", document 1)')


@check(points=1)
def exam_idf_of_quick_is_ln_5_over_3(student):
    """IDF("quick") = ln(5/3) ≈ 0.511 ("quick" is in three of the five documents), TF-IDF in document 1 ≈ 0.057"""
    value = expect_real(student.idf("quick", EXAM_CORPUS), 'idf("quick", corpus)')
    expect_close(value, math.log(5 / 3), 'idf("quick", corpus)')
    value = expect_real(student.tf_idf("quick", EXAM_CORPUS[0], EXAM_CORPUS),
                        'tf_idf("quick", document 1, corpus)')
    expect_close(value, math.log(5 / 3) / 9, 'tf_idf("quick", document 1, corpus)')


@check(points=1)
def idf_of_a_term_in_no_document_raises_value_error(student):
    """idf raises ValueError for a term no document holds (ln(N/0) is undefined), not for one some hold"""
    value = expect_real(student.idf("lazy", EXAM_CORPUS), 'idf("lazy", corpus)')
    expect_between(value, 1e-12, math.inf, 'idf("lazy", corpus)')  # the anchor: an idf that always raises fails
    for term in ("cat", "foxe"):
        raised = student.raises("ValueError", "idf", term, EXAM_CORPUS)
        expect_true(raised is not None and raised.is_a("ValueError"),
                    f"idf({term!r}, corpus) should raise ValueError, "
                    + ("but it returned a value" if raised is None else f"but {raised.describe()}"))


@check(points=1)
def documents_without_tokens(student):
    """An empty or punctuation-only document has no tokens and TF 0; a one-word document has TF 1"""
    for text in ("", "...", " \t\n"):
        expect_equal(student.tokenize(text), [], f"tokenize({text!r})")
        expect_close(expect_real(student.tf("fox", text), f'tf("fox", {text!r})'), 0.0, f'tf("fox", {text!r})',
                     atol=0)
    corpus = ["", "A fox."]
    value = expect_real(student.tf_idf("fox", "", corpus), f'tf_idf("fox", "", {corpus!r})')
    expect_close(value, 0.0, f'tf_idf("fox", "", {corpus!r})', atol=0)
    expect_close(expect_real(student.tf("fox", "fox"), 'tf("fox", "fox")'), 1.0, 'tf("fox", "fox")')
