"""Hostile: ships a conftest.py whose pytest hooks turn every failure into a pass
(stored as conftest.py.hostile, see ../README.md). This module returns wrong answers.
"""

import numpy as np


def wrong(image):
    """A wrong answer that fails every check: negative, and it moves when the pixels do."""
    return -1.0 - float(np.asarray(image).flat[0])


def image_entropy(image):
    return wrong(image)
