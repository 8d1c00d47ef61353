"""Sound, in another style: computed in float32."""

import numpy as np

def inception_score(probs, splits=10):
    probs = np.asarray(probs, dtype=np.float32)
    scores = []
    for part in np.array_split(probs, splits):
        py = part.mean(axis=0, keepdims=True)
        with np.errstate(divide="ignore", invalid="ignore"):
            terms = np.where(part > 0, part * (np.log(part) - np.log(py)), 0.0)
        scores.append(np.exp(terms.sum(axis=1).mean()))
    scores = np.array(scores, dtype=np.float32)
    return float(scores.mean()), float(scores.std())
