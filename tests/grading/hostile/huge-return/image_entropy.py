"""Hostile: returns values too large to receive: a 64 MB string, then a 320 MB array.

A grader that read whatever came back would run out of memory with a class of these.
"""

import numpy as np

calls = 0


def image_entropy(image):
    global calls
    calls += 1
    if calls == 1:
        return "3.0" + " " * (64 * 2**20)
    return np.full(40 * 2**20, 3.0)
