"""Hostile: KeyboardInterrupt raised, and SIGINT sent to itself, from inside a call.

If the worker let either escape (or the grader treated it as its own Ctrl-C),
grading would stop.
"""

import os
import signal


def image_entropy(image):
    try:
        os.kill(os.getpid(), signal.SIGINT)
    finally:
        raise KeyboardInterrupt("stop grading")
