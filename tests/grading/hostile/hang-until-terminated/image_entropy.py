"""Hostile: hangs at import, with a child, until the grader is stopped from outside.

The process and its double-forked child (in a session of its own) take the marker of
target.json as their name, so a test can see them from the host and check that a
SIGTERM to ``gradekit`` ends both, removes the grader's staging copy and cgroups,
and leaves nothing running. Used by tests/grading/test_grade_all_safety.py.
"""

import ctypes
import json
import os
import pathlib
import time

MARKER = json.loads(pathlib.Path(__file__).with_name("target.json").read_text())["marker"]


def named_sleep():
    ctypes.CDLL(None).prctl(15, MARKER.encode(), 0, 0, 0)  # PR_SET_NAME (/proc is read-only under Landlock)
    while True:
        time.sleep(60)


if os.fork() == 0:
    try:
        os.setsid()
        if os.fork() == 0:
            named_sleep()
    finally:
        os._exit(0)
named_sleep()


def image_entropy(image):
    return 0.0
