"""A student's answer: tokenizes well, but uses log base 10 for the IDF."""

import math
import re


def tokenize(text):
    return re.findall(r"[a-z0-9]+", text.lower())


def tf(term, document):
    tokens = tokenize(document)
    return tokens.count(term.lower()) / len(tokens)


def idf(term, corpus):
    holding = sum(1 for document in corpus if term.lower() in tokenize(document))
    if holding == 0:
        raise ValueError(f"no document holds {term!r}")
    return math.log10(len(corpus) / holding)  # the course uses the natural log


def tf_idf(term, document, corpus):
    return tf(term, document) * idf(term, corpus)
