import numpy as np


def inception_score(probs, splits=10):
    marginal = probs.mean(axis=0)  # p(y) over all rows, not over each split
    terms = np.where(probs > 0, probs * np.log(np.where(probs > 0, probs, 1.0) / marginal), 0.0)
    kl = terms.sum(axis=1)
    scores = [np.exp(part.mean()) for part in np.array_split(kl, splits)]
    return float(np.mean(scores)), float(np.std(scores))
