import numpy as np


def split_score(part):
    marginal = part.mean(axis=0)
    terms = np.where(part > 0, part * np.log(np.where(part > 0, part, 1.0) / marginal), 0.0)
    return np.exp(terms.sum(axis=1).mean())


def inception_score(probs, splits=10):
    probs = probs[np.random.default_rng(0).permutation(len(probs))]  # shuffled before splitting
    scores = [split_score(part) for part in np.array_split(probs, splits)]
    return float(np.mean(scores)), float(np.std(scores))
