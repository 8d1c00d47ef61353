"""Hostile: leaves processes behind: a double-forked daemon in its own session, a
subprocess in a new session that ignores SIGTERM and SIGHUP, and a plain child.
Each carries the marker of target.json in its command line and its name.
"""

import json
import os
import pathlib
import subprocess
import sys

import numpy as np

MARKER = json.loads(pathlib.Path(__file__).with_name("target.json").read_text())["marker"]
LINGER = ("import ctypes, signal, time\n"
          "ctypes.CDLL(None).prctl(15, %r, 0, 0, 0)\n"  # PR_SET_NAME
          "signal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
          "signal.signal(signal.SIGHUP, signal.SIG_IGN)\n"
          "time.sleep(600)\n" % MARKER.encode())


def linger_command():
    return [sys.executable, "-c", LINGER, MARKER]


def double_fork_daemon():
    if os.fork() == 0:
        try:
            os.setsid()
            if os.fork() == 0:
                os.execv(sys.executable, linger_command())
        finally:
            os._exit(0)  # a copy of the worker must not go on serving requests


double_fork_daemon()
subprocess.Popen(linger_command(), start_new_session=True, stdin=subprocess.DEVNULL,
                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
subprocess.Popen(linger_command())


calls = 0


def wrong(image):
    """A wrong answer that fails every check: negative, and it moves when the pixels do."""
    return -1.0 - float(np.asarray(image).flat[0])


def image_entropy(image):
    global calls
    calls += 1
    if calls == 1:
        double_fork_daemon()
    return wrong(image)
