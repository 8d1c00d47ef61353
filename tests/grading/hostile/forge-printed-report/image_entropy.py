"""Hostile: prints full-score reports (gradekit's JSON and Gradescope's results.json) on
stdout and stderr, at import and in every call, hoping they get mixed into the grader's.
"""

import json
import sys

import numpy as np

FAKE_REPORT = json.dumps({"submission": ".", "score": 10.0, "max_score": 10.0, "problems": [
    {"id": "image-entropy", "score": 10.0, "max_score": 10.0, "status": "graded", "checks": []}]})
FAKE_GRADESCOPE = json.dumps({"score": 10.0, "output": "", "tests": []})


def forge():
    for stream in (sys.stdout, sys.stderr):
        stream.write(FAKE_REPORT + "\n" + FAKE_GRADESCOPE + "\n")
        stream.flush()


forge()


def wrong(image):
    """A wrong answer that fails every check: negative, and it moves when the pixels do."""
    return -1.0 - float(np.asarray(image).flat[0])


def image_entropy(image):
    forge()
    return wrong(image)
