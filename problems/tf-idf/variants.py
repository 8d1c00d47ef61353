"""Quiz variants: a small corpus, a term that some documents hold, and TF, IDF, TF-IDF of it.

TF and IDF are ratios of small counts, and drawing the counts evenly makes a
few ratios common (1/5, ln 2): so the ratios are drawn first, evenly over
every value the sizes below allow (26 TFs, 27 IDFs), then a corpus that has
them.
"""

from fractions import Fraction
from functools import lru_cache

import numpy as np

from gradekit.calc.tf_idf import idf, tf, tf_idf

from .strategies import EXAM_CORPUS

# Plain lowercase words, so tokenizing is unambiguous: no apostrophes, hyphens or digits.
FILLERS = ("the", "a", "small", "red", "old", "green", "quiet", "dog", "cat", "tree", "river", "house",
           "sun", "bird", "man", "sees", "runs", "walks", "sings", "sleeps", "near", "over", "under", "by")
TERMS = ("quick", "lazy", "bright", "brown", "fox", "boat", "stone", "rain")  # never a filler
DOCUMENTS = range(3, 10)  # corpus sizes N
OCCURRENCES = range(1, 4)  # the term's count in the asked document
ASKED_FILLERS = range(4, 15)  # the asked document's words besides the term
OTHER_FILLERS = range(4, 9)  # the other documents': shorter, they only count for IDF


def generate(rng: np.random.Generator) -> dict:
    documents, holding_count = _pick(rng, _idf_ratios())
    occurrences, fillers = _pick(rng, _tf_ratios())
    term = str(rng.choice(TERMS))
    holding = rng.choice(documents, size=holding_count, replace=False)  # 1 to N-1 of them
    asked = int(rng.choice(holding))  # a document that holds the term, so TF-IDF is not 0
    corpus = []
    for i in range(documents):
        if i == asked:
            corpus.append(_sentence(rng, term, occurrences, fillers))
        elif i in holding:
            corpus.append(_sentence(rng, term, 1 + int(rng.random() < 0.25), int(rng.choice(OTHER_FILLERS))))
        else:
            corpus.append(_sentence(rng, None, 0, int(rng.choice(OTHER_FILLERS))))
    return _variant(corpus, term, asked)


def exam() -> dict:
    """Exam Q3a: TF("quick", doc 1) = 1/9, IDF = ln(5/3) ≈ 0.511, TF-IDF ≈ 0.057."""
    return _variant(EXAM_CORPUS, "quick", 0)


def _pick(rng: np.random.Generator, by_ratio: dict[Fraction, list[tuple[int, int]]]) -> tuple[int, int]:
    """A ratio drawn evenly, then one of the count pairs that give it."""
    ratios = sorted(by_ratio)
    pairs = by_ratio[ratios[int(rng.integers(len(ratios)))]]
    return pairs[int(rng.integers(len(pairs)))]


@lru_cache(maxsize=1)
def _idf_ratios() -> dict[Fraction, list[tuple[int, int]]]:
    """N / df -> the (N, df) pairs giving it, df from 1 to N - 1 (a term in every document has IDF 0)."""
    found: dict[Fraction, list[tuple[int, int]]] = {}
    for documents in DOCUMENTS:
        for holding in range(1, documents):
            found.setdefault(Fraction(documents, holding), []).append((documents, holding))
    return found


@lru_cache(maxsize=1)
def _tf_ratios() -> dict[Fraction, list[tuple[int, int]]]:
    """count / length -> the (occurrences, filler words) pairs giving it."""
    found: dict[Fraction, list[tuple[int, int]]] = {}
    for occurrences in OCCURRENCES:
        for fillers in ASKED_FILLERS:
            found.setdefault(Fraction(occurrences, occurrences + fillers), []).append((occurrences, fillers))
    return found


def _sentence(rng: np.random.Generator, term: str | None, occurrences: int, fillers: int) -> str:
    """``fillers`` filler words with ``term`` inserted ``occurrences`` times; capitalised, with a full stop."""
    words = [str(w) for w in rng.choice(FILLERS, size=fillers)]
    for _ in range(occurrences):
        words.insert(int(rng.integers(len(words) + 1)), term)
    return " ".join(words).capitalize() + "."


def _variant(corpus: list[str], term: str, asked: int) -> dict:
    document = corpus[asked]
    number = asked + 1
    return {
        "params": {"corpus": list(corpus), "term": term, "document": number},
        "statement": [
            f"A corpus of {len(corpus)} documents:",
            {"numbered": list(corpus)},
            "Tokens are the lowercase words with punctuation removed (no stemming). "
            "TF(t, d) = (occurrences of t in d) / (number of tokens in d); "
            "IDF(t) = ln(N / df(t)), natural log, where N is the number of documents and df(t) "
            "how many of them hold t; TF-IDF(t, d) = TF(t, d) × IDF(t).",
        ],
        "parts": [
            {"ask": f"TF(“{term}”, document {number})", "answer": tf(term, document),
             "tolerance": 0.001, "points": 1},
            {"ask": f"IDF(“{term}”)", "answer": idf(term, list(corpus)), "tolerance": 0.001, "points": 1},
            {"ask": f"TF-IDF(“{term}”, document {number})", "answer": tf_idf(term, document, list(corpus)),
             "tolerance": 0.001, "points": 2},
        ],
    }
