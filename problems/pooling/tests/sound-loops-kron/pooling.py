"""Sound, in another style: Python loops over the windows, np.kron for upsampling."""

import numpy as np

def _pool(x, size, stride, reduce):
    stride = stride or size
    rows = [list(map(float, r)) for r in x]
    h, w = len(rows), len(rows[0])
    out = []
    for i in range(0, h - size + 1, stride):
        line = []
        for j in range(0, w - size + 1, stride):
            window = [rows[a][b] for a in range(i, i + size) for b in range(j, j + size)]
            line.append(reduce(window))
        out.append(line)
    return np.array(out)

def max_pool2d(x, size=2, stride=None):
    return _pool(x, size, stride, max)

def avg_pool2d(x, size=2, stride=None):
    return _pool(x, size, stride, lambda w: sum(w) / len(w))

def upsample_nearest(x, scale=2):
    return np.kron(np.asarray(x, dtype=float), np.ones((scale, scale)))
