import numpy as np


def split_score(part):
    marginal = part.mean(axis=0)
    terms = np.where(part > 0, part * np.log(np.where(part > 0, part, 1.0) / marginal), 0.0)
    return np.exp(terms.sum(axis=1).mean())


def inception_score(probs, splits=10):
    size = len(probs) // splits  # equal chunks: the last len(probs) % splits rows are dropped
    scores = [split_score(probs[i * size:(i + 1) * size]) for i in range(splits)]
    return float(np.mean(scores)), float(np.std(scores))
