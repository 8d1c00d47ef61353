"""Hostile: forks as many processes as it is allowed (at most 2000), each then sleeping.

The children take the marker of target.json as their name, so the test can
find any that survive; the parent prints how many forks succeeded, so the
test can check that the worker's process bound held. (Bounded at 2000 so that
a broken defence does not take the machine down.)
"""

import ctypes
import json
import os
import pathlib
import time

MARKER = json.loads(pathlib.Path(__file__).with_name("target.json").read_text())["marker"]

forked = 0
for _ in range(2000):
    try:
        pid = os.fork()
    except OSError:
        break
    if pid == 0:
        try:
            ctypes.CDLL(None).prctl(15, MARKER.encode(), 0, 0, 0)  # PR_SET_NAME
            time.sleep(600)
        finally:
            os._exit(0)
    forked += 1
print(f"forked {forked}", flush=True)
while True:
    time.sleep(1)


def image_entropy(image):
    return 3.0
