"""Sound, in another style: a regular expression for punctuation, a Counter, ln N - ln df."""

import re
import math
from collections import Counter

def tokenize(text):
    return re.sub(r"[^\w\s]|_", "", text.lower()).split()

def tf(term, document):
    tokens = tokenize(document)
    return Counter(tokens)[term] / len(tokens) if tokens else 0.0

def idf(term, corpus):
    df = sum(1 for d in corpus if term in set(tokenize(d)))
    if df == 0:
        raise ValueError("term in no document")
    return math.log(len(corpus)) - math.log(df)

def tf_idf(term, document, corpus):
    return tf(term, document) * idf(term, corpus)
