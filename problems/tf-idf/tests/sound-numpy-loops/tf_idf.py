"""Sound, in another style: a character loop for tokens, numpy for the rest (numpy floats, an int 0)."""

import string
import numpy as np

def tokenize(text):
    out, word = [], ""
    for ch in text.lower():
        if ch in string.punctuation:
            continue
        if ch.isspace():
            if word:
                out.append(word)
            word = ""
        else:
            word += ch
    if word:
        out.append(word)
    return out

def tf(term, document):
    tokens = np.array(tokenize(document))
    if tokens.size == 0:
        return 0
    return np.mean(tokens == term)

def idf(term, corpus):
    df = np.sum([term in tokenize(d) for d in corpus])
    if df == 0:
        raise ValueError(term)
    return np.log(len(corpus) / df)

def tf_idf(term, document, corpus):
    return tf(term, document) * idf(term, corpus)
