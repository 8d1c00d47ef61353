"""Right on every document with a word; tf divides by zero on a document without tokens."""

import math
import string


def tokenize(text):
    return text.lower().translate(str.maketrans("", "", string.punctuation)).split()


def tf(term, document):
    tokens = tokenize(document)
    return tokens.count(term) / len(tokens)  # ZeroDivisionError when the document has no tokens


def idf(term, corpus):
    df = sum(term in tokenize(document) for document in corpus)
    if df == 0:
        raise ValueError(f"no document holds {term!r}")
    return math.log(len(corpus) / df)


def tf_idf(term, document, corpus):
    return tf(term, document) * idf(term, corpus)
