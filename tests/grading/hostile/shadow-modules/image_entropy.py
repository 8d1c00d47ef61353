"""Hostile: ships numpy.py and json.py beside its module, hoping the worker or the grader
imports them instead of the real ones (their comparisons say "equal", their JSON
says "full marks"); then returns wrong answers.
"""

import json  # noqa: F401  (the real one, whatever json.py lies beside this file)

import numpy as np


def wrong(image):
    """A wrong answer that fails every check: negative, and it moves when the pixels do."""
    return -1.0 - float(np.asarray(image).flat[0])


def image_entropy(image):
    return np.float64(wrong(image))
