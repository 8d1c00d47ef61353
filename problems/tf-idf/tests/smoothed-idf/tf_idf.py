import math
import string


def tokenize(text):
    return text.lower().translate(str.maketrans("", "", string.punctuation)).split()


def tf(term, document):
    tokens = tokenize(document)
    return tokens.count(term) / len(tokens) if tokens else 0.0


def idf(term, corpus):
    df = sum(term in tokenize(d) for d in corpus)
    return math.log((1 + len(corpus)) / (1 + df)) + 1  # scikit-learn's smoothed idf


def tf_idf(term, document, corpus):
    return tf(term, document) * idf(term, corpus)
