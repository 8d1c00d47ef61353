"""Right whenever every split holds two rows or more; skips splits of one row, so with only such splits
the mean and std are of nothing (NaN) instead of 1 and 0."""

import numpy as np


def inception_score(probs, splits=10):
    scores = []
    for part in np.array_split(np.asarray(probs, dtype=np.float64), splits):
        if len(part) < 2:
            continue  # "a single prediction says nothing": but its score is simply 1
        marginal = part.mean(axis=0, keepdims=True)
        with np.errstate(divide="ignore", invalid="ignore"):
            terms = np.where(part > 0, part * (np.log(part) - np.log(marginal)), 0.0)
        scores.append(np.exp(terms.sum(axis=1).mean()))
    scores = np.array(scores)
    return float(scores.mean()) if scores.size else float("nan"), float(scores.std()) if scores.size else float("nan")
