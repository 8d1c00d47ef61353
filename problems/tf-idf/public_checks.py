"""Public checks: the exam's worked answer on its five-sentence corpus."""

import math

from gradekit.grading.api import check, expect_close, expect_equal, expect_real, expect_true

from .strategies import EXAM_CORPUS

EXAM_TOKENS = [
    ["the", "quick", "brown", "fox", "jumps", "over", "the", "lazy", "dog"],
    ["lazy", "foxes", "lie", "low"],
    ["the", "quick", "yellow", "bird", "flies", "high"],
    ["high", "and", "low", "the", "bird", "flies"],
    ["a", "quick", "bird", "jumps", "over", "lazy", "dogs"],
]


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
    """IDF("quick") = ln(5/3) ≈ 0.511: "quick" is in three of the five documents"""
    value = expect_real(student.idf("quick", EXAM_CORPUS), 'idf("quick", corpus)')
    expect_close(value, math.log(5 / 3), 'idf("quick", corpus)')


@check(points=1)
def exam_tf_idf_of_quick_in_document_1(student):
    """TF-IDF("quick", document 1) = 1/9 × ln(5/3) ≈ 0.057"""
    value = expect_real(student.tf_idf("quick", EXAM_CORPUS[0], EXAM_CORPUS),
                        'tf_idf("quick", document 1, corpus)')
    expect_close(value, math.log(5 / 3) / 9, 'tf_idf("quick", document 1, corpus)')


@check(points=1)
def idf_of_a_term_in_no_document_raises_value_error(student):
    """idf raises ValueError for a term no document holds (ln(N/0) is undefined)"""
    for term in ("cat", "foxe"):
        raised = student.raises("ValueError", "idf", term, EXAM_CORPUS)
        expect_true(raised is not None and raised.is_a("ValueError"),
                    f"idf({term!r}, corpus) should raise ValueError, "
                    + ("but it returned a value" if raised is None else f"but {raised.describe()}"))
