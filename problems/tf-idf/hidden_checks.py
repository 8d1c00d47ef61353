"""Hidden checks: agreement with the reference on sentences with capitals and punctuation."""

from hypothesis import example, given
from hypothesis import strategies as st

from gradekit.calc import tf_idf as reference
from gradekit.grading.api import check, expect_close, expect_equal, expect_real, expect_true

from .strategies import NEVER_WRITTEN, VOCABULARY, corpora, documents

# "a" inside "lazy" and "and", "fox" inside "foxes": where counting substrings goes wrong.
SUBSTRINGS = ("A lazy fox and foxes.", ["a", "lazy", "fox", "and", "foxes"])


def _pick(options, index: int):
    """One of ``options`` (sorted, so the choice is reproducible) by a drawn index."""
    options = sorted(set(options))
    return options[index % len(options)]


@check(points=1)
@given(document=documents())
def tokenize_lowercases_and_strips_punctuation(student, document):
    """tokenize lowercases, strips punctuation next to words and splits on any whitespace"""
    text, _ = document
    expect_equal(student.tokenize(text), reference.tokenize(text), f"tokenize({text!r})")


@check(points=1)
@given(document=documents(), term_index=st.integers(0, 9))
@example(document=SUBSTRINGS, term_index=0)
def tf_matches_reference(student, document, term_index):
    """tf counts a term written in capitals or next to punctuation, over the number of tokens"""
    text, words = document
    term = _pick(words, term_index)
    value = expect_real(student.tf(term, text), f"tf({term!r}, {text!r})")
    expect_close(value, reference.tf(term, text), f"tf({term!r}, {text!r})")


@check(points=1)
@given(document=documents())
def term_absent_from_the_document_has_tf_zero(student, document):
    """A term the document does not hold (not even inside a longer word) has tf 0 and tf-idf 0, one it holds more"""
    text, words = document
    held = expect_real(student.tf(words[0], text), f"tf({words[0]!r}, {text!r})")
    expect_true(held > 0, f"tf({words[0]!r}, {text!r}) = {held!r}, but the document holds {words[0]!r}")
    absent = [w for w in VOCABULARY + NEVER_WRITTEN if w not in words]  # "fox" when only "foxes"
    for term in absent:
        value = expect_real(student.tf(term, text), f"tf({term!r}, {text!r})")
        expect_close(value, 0.0, f"tf({term!r}, {text!r})", atol=0)
    term = absent[0]
    corpus = [text, term]  # the term is in the corpus, so its idf is defined
    value = expect_real(student.tf_idf(term, text, corpus), f"tf_idf({term!r}, {text!r}, {corpus!r})")
    expect_close(value, 0.0, f"tf_idf({term!r}, {text!r}, {corpus!r})", atol=0)


@check(points=1)
@given(corpus=corpora(), data=st.data())
def idf_is_the_natural_log_of_n_over_df(student, corpus, data):
    """idf = ln(N / df), df counting the documents that hold the term in any case or punctuation"""
    texts = [text for text, _ in corpus]
    term = data.draw(st.sampled_from(sorted({w for _, words in corpus for w in words})), label="term")
    value = expect_real(student.idf(term, texts), f"idf({term!r}, {texts!r})")
    expect_close(value, reference.idf(term, texts), f"idf({term!r}, {texts!r})")


@check(points=1)
@given(corpus=corpora(), document_index=st.integers(0, 5), term_index=st.integers(0, 15))
@example(corpus=[SUBSTRINGS, ("The dog.", ["the", "dog"])], document_index=0, term_index=0)
def tf_idf_matches_reference(student, corpus, document_index, term_index):
    """tf_idf = tf × idf for a document of the corpus"""
    texts = [text for text, _ in corpus]
    text = texts[document_index % len(texts)]
    term = _pick([w for _, ws in corpus for w in ws], term_index)
    value = expect_real(student.tf_idf(term, text, texts), f"tf_idf({term!r}, {text!r}, corpus)")
    expect_close(value, reference.tf_idf(term, text, texts), f"tf_idf({term!r}, {text!r}, corpus)")
