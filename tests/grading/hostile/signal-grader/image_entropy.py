"""Hostile: signals its parent, its parent's process group and the grader (whose pid
it read in target.json) with SIGSTOP, SIGTERM, SIGINT and SIGKILL, at import and
in every call.
"""

import json
import os
import pathlib
import signal

import numpy as np

TARGET = json.loads(pathlib.Path(__file__).with_name("target.json").read_text())


def attack():
    targets = {os.getppid(), TARGET["grader_pid"]}
    for sig in (signal.SIGSTOP, signal.SIGTERM, signal.SIGINT, signal.SIGKILL):
        for pid in targets:
            for send in (os.kill, lambda p, s: os.killpg(os.getpgid(p), s)):
                try:
                    send(pid, sig)
                except OSError:
                    pass


attack()


def wrong(image):
    """A wrong answer that fails every check: negative, and it moves when the pixels do."""
    return -1.0 - float(np.asarray(image).flat[0])


def image_entropy(image):
    attack()
    return wrong(image)
