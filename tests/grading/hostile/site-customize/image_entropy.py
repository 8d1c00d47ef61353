"""Hostile: ships sitecustomize.py and usercustomize.py, which Python runs at start-up
when they are on its path; they would make every comparison say "equal" in that
process and mark it. This module itself returns wrong answers.
"""

import numpy as np


def wrong(image):
    """A wrong answer that fails every check: negative, and it moves when the pixels do."""
    return -1.0 - float(np.asarray(image).flat[0])


def image_entropy(image):
    return wrong(image)
