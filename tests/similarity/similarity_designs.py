"""Hand-written solutions, each designed differently, for the synthetic class (independent students).

Every solution keeps the starter's signatures, as a student filling in the kit
does. Seven designs per problem: the same problem solved with reshape, loops,
splitting, reduce-at, sorting, torch; unique, Counter, bincount, dictionaries,
histograms, runs; translate, regular expressions, Counter, a class, numpy.
"""

MAXOUT = [
    '''import numpy as np


def maxout(x: np.ndarray, units: int) -> np.ndarray:
    x = np.asarray(x)
    n = x.shape[-1]
    if n % units != 0:
        raise ValueError("units must divide the input")
    return x.reshape(*x.shape[:-1], units, n // units).max(axis=-1)
''',
    '''import numpy as np


def maxout(x: np.ndarray, units: int) -> np.ndarray:
    x = np.asarray(x)
    size = x.shape[-1] // units
    if size * units != x.shape[-1]:
        raise ValueError("bad number of units")
    outputs = []
    for k in range(units):
        outputs.append(np.max(x[..., k * size:(k + 1) * size], axis=-1))
    return np.stack(outputs, axis=-1)
''',
    '''import numpy as np


def maxout(x: np.ndarray, units: int) -> np.ndarray:
    arr = np.array(x)
    if arr.shape[-1] % units:
        raise ValueError(f"cannot split {arr.shape[-1]} inputs into {units} units")
    chunks = np.split(arr, units, axis=-1)
    return np.concatenate([c.max(axis=-1, keepdims=True) for c in chunks], axis=-1)
''',
    '''import numpy as np


def _one(row, units):
    pieces = len(row) // units
    result = []
    i = 0
    while i < len(row):
        best = row[i]
        for j in range(i + 1, i + pieces):
            if row[j] > best:
                best = row[j]
        result.append(best)
        i += pieces
    return np.array(result)


def maxout(x: np.ndarray, units: int) -> np.ndarray:
    x = np.asarray(x)
    if x.shape[-1] % units:
        raise ValueError("bad units")
    return np.apply_along_axis(_one, -1, x, units)
''',
    '''import numpy as np


def maxout(x: np.ndarray, units: int) -> np.ndarray:
    values = np.asarray(x)
    width = values.shape[-1]
    if units <= 0 or width % units != 0:
        raise ValueError("the number of units must divide the width")
    starts = np.arange(0, width, width // units)
    return np.maximum.reduceat(values, starts, axis=-1)
''',
    '''import numpy as np


def maxout(x: np.ndarray, units: int) -> np.ndarray:
    x = np.asarray(x)
    p = x.shape[-1] // units
    if p * units != x.shape[-1]:
        raise ValueError("units do not divide the length")
    grouped = np.sort(x.reshape(x.shape[:-1] + (units, p)), axis=-1)
    return grouped[..., -1]
''',
    '''import numpy as np
import torch


def maxout(x: np.ndarray, units: int) -> np.ndarray:
    t = torch.as_tensor(np.asarray(x))
    if t.shape[-1] % units:
        raise ValueError("units must divide the last dimension")
    out = t.unflatten(-1, (units, -1)).amax(dim=-1)
    return out.numpy()
''',
]

IMAGE_ENTROPY = [
    '''import numpy as np


def image_entropy(image: np.ndarray) -> float:
    values, counts = np.unique(np.asarray(image), return_counts=True)
    probabilities = counts / counts.sum()
    return float(-np.sum(probabilities * np.log2(probabilities)))
''',
    '''import math
from collections import Counter

import numpy as np


def image_entropy(image: np.ndarray) -> float:
    pixels = [int(v) for row in np.atleast_2d(image) for v in row]
    total = len(pixels)
    h = 0.0
    for count in Counter(pixels).values():
        p = count / total
        h -= p * math.log2(p)
    return h
''',
    '''import numpy as np


def image_entropy(image: np.ndarray) -> float:
    flat = np.asarray(image, dtype=np.int64).ravel()
    hist = np.bincount(flat)
    hist = hist[hist > 0]
    p = hist / flat.size
    return float((p * np.log2(1 / p)).sum())
''',
    '''import numpy as np


def histogram(image):
    seen = {}
    for value in np.asarray(image).flatten():
        seen[value] = seen.get(value, 0) + 1
    return seen


def image_entropy(image: np.ndarray) -> float:
    table = histogram(image)
    n = sum(table.values())
    entropy = 0.0
    for c in table.values():
        entropy += (c / n) * np.log2(n / c)
    return float(entropy)
''',
    '''import numpy as np


def image_entropy(image: np.ndarray) -> float:
    img = np.asarray(image)
    lo, hi = int(img.min()), int(img.max())
    counts, _ = np.histogram(img, bins=np.arange(lo, hi + 2))
    nonzero = counts[counts != 0].astype(float)
    nonzero /= nonzero.sum()
    return float(-np.dot(nonzero, np.log(nonzero)) / np.log(2))
''',
    '''import math

import numpy as np


def image_entropy(image: np.ndarray) -> float:
    ordered = sorted(np.asarray(image).ravel().tolist())
    n = len(ordered)
    result, run = 0.0, 1
    for previous, current in zip(ordered, ordered[1:] + [None]):
        if current == previous:
            run += 1
            continue
        q = run / n
        result += -q * math.log(q, 2)
        run = 1
    return result
''',
    '''import numpy as np
import torch


def image_entropy(image: np.ndarray) -> float:
    t = torch.as_tensor(np.asarray(image)).flatten()
    _, freq = torch.unique(t, return_counts=True)
    probs = freq.double() / t.numel()
    return float(-(probs * torch.log2(probs)).sum())
''',
]

TF_IDF = [
    '''import math
import string


def tokenize(text: str) -> list[str]:
    table = str.maketrans("", "", string.punctuation)
    return text.lower().translate(table).split()


def tf(term: str, document: str) -> float:
    words = tokenize(document)
    return words.count(term) / len(words) if words else 0.0


def idf(term: str, corpus: list[str]) -> float:
    df = sum(1 for doc in corpus if term in tokenize(doc))
    if df == 0:
        raise ValueError("term not in corpus")
    return math.log(len(corpus) / df)


def tf_idf(term: str, document: str, corpus: list[str]) -> float:
    return tf(term, document) * idf(term, corpus)
''',
    '''import math
import re
import string

WORD = re.compile(r"[a-z0-9]+")


def tokenize(text: str) -> list[str]:
    return WORD.findall(text.lower())


def tf(term: str, document: str) -> float:
    tokens = tokenize(document)
    if len(tokens) == 0:
        return 0.0
    hits = 0
    for token in tokens:
        if token == term:
            hits += 1
    return hits / len(tokens)


def idf(term: str, corpus: list[str]) -> float:
    holding = [d for d in corpus if term in set(tokenize(d))]
    if not holding:
        raise ValueError(f"{term} never occurs")
    return math.log(len(corpus) / len(holding))


def tf_idf(term: str, document: str, corpus: list[str]) -> float:
    score = tf(term, document)
    return score * idf(term, corpus) if score else 0.0
''',
    '''import math
import string
from collections import Counter

PUNCT = set(string.punctuation)


def tokenize(text: str) -> list[str]:
    cleaned = "".join(ch for ch in text.lower() if ch not in PUNCT)
    return cleaned.split()


def tf(term: str, document: str) -> float:
    counts = Counter(tokenize(document))
    total = sum(counts.values())
    return counts[term] / total if total else 0.0


def idf(term: str, corpus: list[str]) -> float:
    document_counts = Counter()
    for text in corpus:
        document_counts.update(set(tokenize(text)))
    if document_counts[term] == 0:
        raise ValueError("no document contains the term")
    return math.log(len(corpus) / document_counts[term])


def tf_idf(term: str, document: str, corpus: list[str]) -> float:
    weight = idf(term, corpus)
    return weight * tf(term, document)
''',
    '''import math
import string


class Corpus:
    def __init__(self, documents):
        self.documents = [tokenize(d) for d in documents]

    def frequency(self, term):
        return len([d for d in self.documents if term in d])


def tokenize(text: str) -> list[str]:
    out = []
    for raw in text.split():
        word = raw.strip(string.punctuation).lower()
        if word:
            out.append(word)
    return out


def tf(term: str, document: str) -> float:
    words = tokenize(document)
    try:
        return words.count(term) / len(words)
    except ZeroDivisionError:
        return 0.0


def idf(term: str, corpus: list[str]) -> float:
    n = Corpus(corpus).frequency(term)
    if not n:
        raise ValueError(term)
    return math.log(len(corpus)) - math.log(n)


def tf_idf(term: str, document: str, corpus: list[str]) -> float:
    return tf(term, document) * idf(term, corpus)
''',
    '''import math
import string

import numpy as np


def tokenize(text: str) -> list[str]:
    for mark in string.punctuation:
        text = text.replace(mark, "")
    return text.lower().split()


def tf(term: str, document: str) -> float:
    tokens = np.array(tokenize(document))
    if tokens.size == 0:
        return 0.0
    return float(np.mean(tokens == term))


def idf(term: str, corpus: list[str]) -> float:
    present = np.array([term in tokenize(d) for d in corpus])
    if not present.any():
        raise ValueError("missing term")
    return float(np.log(present.size / present.sum()))


def tf_idf(term: str, document: str, corpus: list[str]) -> float:
    return float(np.prod([tf(term, document), idf(term, corpus)]))
''',
    '''import math
import string


def tokenize(text: str) -> list[str]:
    words, current = [], ""
    for ch in text.lower() + " ":
        if ch.isspace():
            if current:
                words.append(current)
            current = ""
        elif ch not in string.punctuation:
            current += ch
    return words


def tf(term: str, document: str) -> float:
    words = tokenize(document)
    matches = len([w for w in words if w == term])
    return 0.0 if not words else matches / len(words)


def idf(term: str, corpus: list[str]) -> float:
    df = 0
    for document in corpus:
        df += term in tokenize(document)
    if not df:
        raise ValueError(f"{term!r} is in no document")
    return -math.log(df / len(corpus))


def tf_idf(term: str, document: str, corpus: list[str]) -> float:
    t = tf(term, document)
    i = idf(term, corpus)
    return t * i
''',
    '''import math
import string
from functools import lru_cache


@lru_cache(maxsize=None)
def _words(text):
    return tuple(text.lower().translate({ord(c): None for c in string.punctuation}).split())


def tokenize(text: str) -> list[str]:
    return list(_words(text))


def tf(term: str, document: str) -> float:
    words = _words(document)
    return sum(map(term.__eq__, words)) / max(len(words), 1)


def idf(term: str, corpus: list[str]) -> float:
    sets = list(map(set, map(_words, corpus)))
    df = sum(term in s for s in sets)
    if df < 1:
        raise ValueError("idf undefined")
    return math.log(len(sets)) - math.log(df)


def tf_idf(term: str, document: str, corpus: list[str]) -> float:
    return tf(term, document) * idf(term, corpus) if term in _words(document) else 0.0
''',
]

DESIGNS = {"maxout": MAXOUT, "image-entropy": IMAGE_ENTROPY, "tf-idf": TF_IDF}
