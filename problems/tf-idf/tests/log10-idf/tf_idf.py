import math
import string


def tokenize(text):
    return text.lower().translate(str.maketrans("", "", string.punctuation)).split()


def tf(term, document):
    tokens = tokenize(document)
    return tokens.count(term) / len(tokens) if tokens else 0.0


def idf(term, corpus):
    df = sum(term in tokenize(d) for d in corpus)
    if df == 0:
        raise ValueError(term)
    return math.log10(len(corpus) / df)  # base 10, not e


def tf_idf(term, document, corpus):
    return tf(term, document) * idf(term, corpus)
