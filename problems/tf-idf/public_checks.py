"""Public checks: the exam's worked answer on its five-sentence corpus, and documents without tokens."""

import math

from hypothesis import given
from hypothesis import strategies as st

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
# Words some document writes plainly (lowercase, no punctuation attached), each in 1 to 3 of the 5 documents:
# the anchors draw from these, so a tokenizer fault (capitals, punctuation) does not trip them.
PLAIN_WORDS = sorted({word for document in EXAM_CORPUS for word in document.split()
                      if word.isalpha() and word.islower()})


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


def _shuffled_words(sentence: str, order) -> str:
    """The sentence with its words (punctuation attached) in the drawn order: the same tokens, another string."""
    words = sentence.split()
    return " ".join(words[i] for i in order)


def _shuffled_corpus(order) -> list[str]:
    """The exam's corpus in the drawn order: the same documents, so the same IDFs."""
    return [EXAM_CORPUS[i] for i in order]


# The worked examples are asked with the words of a document, or the documents of the corpus, in a drawn order
# (shrunk: the exam's own order): the answers stay the exam's, and a table of these examples earns nothing.
@check(points=1, max_examples=8)
@given(order=st.permutations(range(9)))
def exam_tf_of_quick_in_document_1_is_one_ninth(student, order):
    """TF("quick", document 1) = 1/9: one "quick" among nine tokens (and TF("jumps", document 5) = 1/7)"""
    document = _shuffled_words(EXAM_CORPUS[0], order)
    value = expect_real(student.tf("quick", document), f'tf("quick", {document!r})')
    expect_close(value, 1 / 9, f'tf("quick", {document!r})')
    value = expect_real(student.tf("jumps", EXAM_CORPUS[4]), 'tf("jumps", document 5)')
    expect_close(value, 1 / 7, 'tf("jumps", document 5)')


@check(points=1, max_examples=8)
@given(order=st.permutations(range(5)))
def exam_idf_of_quick_is_ln_5_over_3(student, order):
    """IDF("quick") = ln(5/3) ≈ 0.511 ("quick" is in three of the five documents), TF-IDF in document 1 ≈ 0.057
    (and IDF("jumps") = ln(5/2), in two)"""
    corpus = _shuffled_corpus(order)
    shown = "corpus" if list(order) == sorted(order) else f"corpus in the order {[i + 1 for i in order]}"
    value = expect_real(student.idf("quick", corpus), f'idf("quick", {shown})')
    expect_close(value, math.log(5 / 3), f'idf("quick", {shown})')
    value = expect_real(student.idf("jumps", corpus), f'idf("jumps", {shown})')
    expect_close(value, math.log(5 / 2), f'idf("jumps", {shown})')
    value = expect_real(student.tf_idf("quick", EXAM_CORPUS[0], corpus),
                        f'tf_idf("quick", document 1, {shown})')
    expect_close(value, math.log(5 / 3) / 9, f'tf_idf("quick", document 1, {shown})')


@check(points=1, max_examples=8)
@given(term_index=st.integers(0, len(PLAIN_WORDS) - 1))
def idf_of_a_term_in_no_document_raises_value_error(student, term_index):
    """idf raises ValueError for a term no document holds (ln(N/0) is undefined), not for one some hold"""
    held = PLAIN_WORDS[term_index]
    value = expect_real(student.idf(held, EXAM_CORPUS), f"idf({held!r}, corpus)")
    expect_between(value, 1e-12, math.inf, f"idf({held!r}, corpus)")  # the anchor: an idf that always raises fails
    for term in ("cat", "foxe"):
        raised = student.raises("ValueError", "idf", term, EXAM_CORPUS)
        expect_true(raised is not None and raised.is_a("ValueError"),
                    f"idf({term!r}, corpus) should raise ValueError, "
                    + ("but it returned a value" if raised is None else f"but {raised.describe()}"))


@check(points=1, max_examples=8)
@given(word_index=st.integers(0, len(PLAIN_WORDS) - 1))
def documents_without_tokens(student, word_index):
    """An empty or punctuation-only document has no tokens and TF 0; a one-word document has TF 1"""
    for text in ("", "...", " \t\n"):
        expect_equal(student.tokenize(text), [], f"tokenize({text!r})")
        expect_close(expect_real(student.tf("fox", text), f'tf("fox", {text!r})'), 0.0, f'tf("fox", {text!r})',
                     atol=0)
    corpus = ["", "A fox."]
    value = expect_real(student.tf_idf("fox", "", corpus), f'tf_idf("fox", "", {corpus!r})')
    expect_close(value, 0.0, f'tf_idf("fox", "", {corpus!r})', atol=0)
    word = PLAIN_WORDS[word_index]
    expect_close(expect_real(student.tf(word, word), f"tf({word!r}, {word!r})"), 1.0, f"tf({word!r}, {word!r})")
