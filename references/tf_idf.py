"""TF, IDF and TF-IDF of a term over a small corpus (exam Q3a).

    tf(t, d)       = count of t in d / number of tokens in d  (0 for a document without tokens)
    idf(t, D)      = ln(N / df(t)),  N documents, df(t) of them hold t
    tf_idf(t, d, D) = tf(t, d) * idf(t, D)
"""

import math
import string

STRIP_PUNCTUATION = str.maketrans("", "", string.punctuation)


def tokenize(text: str) -> list[str]:
    """The words of ``text``: lowercased, ASCII punctuation removed, split on whitespace, no stemming."""
    return text.lower().translate(STRIP_PUNCTUATION).split()


def tf(term: str, document: str) -> float:
    """Term frequency: how often ``term`` occurs among the tokens of ``document``, over their number.

    A document without tokens (empty, or punctuation only) holds no term: its tf is 0.
    """
    tokens = tokenize(document)
    if not tokens:
        return 0.0
    return tokens.count(term) / len(tokens)


def idf(term: str, corpus: list[str]) -> float:
    """Inverse document frequency ln(N / df); ValueError when no document holds ``term``."""
    document_frequency = sum(term in tokenize(document) for document in corpus)
    if document_frequency == 0:
        raise ValueError(f"no document of the corpus holds {term!r}, so its idf is undefined")
    return math.log(len(corpus) / document_frequency)


def tf_idf(term: str, document: str, corpus: list[str]) -> float:
    """TF-IDF of ``term`` in ``document``, with IDF over ``corpus``."""
    return tf(term, document) * idf(term, corpus)
