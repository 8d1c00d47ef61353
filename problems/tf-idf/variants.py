"""Quiz variants: a small corpus, a term that some documents hold, and TF, IDF, TF-IDF of it."""

import numpy as np

from gradekit.calc.tf_idf import idf, tf, tf_idf

from .strategies import EXAM_CORPUS

# Plain lowercase words, so tokenizing is unambiguous: no apostrophes, hyphens or digits.
FILLERS = ("the", "a", "small", "red", "old", "green", "quiet", "dog", "cat", "tree", "river", "house",
           "sun", "bird", "man", "sees", "runs", "walks", "sings", "sleeps", "near", "over", "under", "by")
TERMS = ("quick", "lazy", "bright", "brown", "fox", "boat", "stone", "rain")  # never a filler


def generate(rng: np.random.Generator) -> dict:
    documents = int(rng.integers(4, 7))
    term = str(rng.choice(TERMS))
    holding = rng.choice(documents, size=int(rng.integers(1, documents)), replace=False)  # 1 to N-1 of them
    corpus = [_sentence(rng, term if i in holding else None) for i in range(documents)]
    asked = int(rng.choice(holding))  # a document that holds the term, so TF-IDF is not 0
    return _variant(corpus, term, asked)


def exam() -> dict:
    """Exam Q3a: TF("quick", doc 1) = 1/9, IDF = ln(5/3) ≈ 0.511, TF-IDF ≈ 0.057."""
    return _variant(EXAM_CORPUS, "quick", 0)


def _sentence(rng: np.random.Generator, term: str | None) -> str:
    """4 to 8 filler words, with ``term`` once (sometimes twice) when given; capitalised, with a full stop."""
    words = [str(w) for w in rng.choice(FILLERS, size=int(rng.integers(4, 9)))]
    if term is not None:
        for _ in range(1 + int(rng.random() < 0.25)):
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
