"""Hostile: a wrong answer in a folder shaped to crash the grader before any check runs (issue 14 §2).

The test adds the shape around this file: a symbolic link loop, 1,500 nested
folders, a notebook nesting its JSON 200,000 levels, a cell of one 3,000-term
expression, links into .git, a folder of more files than the cap. Each made
`gradekit grade` print a traceback and write no report; now each is a note or
an error in the report, and this wrong answer scores nothing.
"""

import numpy as np


def wrong(image):
    """A wrong answer that fails every check: negative, and it moves when the pixels do."""
    return -1.0 - float(np.asarray(image).flat[0])


def image_entropy(image):
    return wrong(image)
