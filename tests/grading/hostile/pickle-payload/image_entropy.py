"""Hostile: tries to make the grader run code while it decodes a reply.

It rewires the worker's encoder so that its answers travel as an array of
dtype object holding a pickle whose loading would mark the grader's builtins
(and could as well have run anything); it also returns an ndarray of dtype
object. The test checks the mark never appears and nothing is scored.
"""

import pickle
import sys

import numpy as np


class Payload:
    def __reduce__(self):
        return (exec, ("import builtins; builtins.GRADEKIT_PWNED = True",))


wire = sys.modules["gradekit_wire"]
PICKLE = pickle.dumps(np.array([Payload()], dtype=object))


def poisoned_array_node(tag, array, blobs):
    blobs.append(PICKLE)
    return {"t": tag, "blob": len(blobs) - 1, "np": "|O", "shape": [1], "pickle": True}


wire._array_node = poisoned_array_node

calls = 0


def image_entropy(image):
    global calls
    calls += 1
    if calls % 2:  # the first call of every check (and of a restarted worker) takes the poisoned encoder
        return np.float64(3.0)
    return np.array([Payload(), 3.0], dtype=object)
