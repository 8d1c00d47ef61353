"""Hostile: writes files outside its sandbox: the host's /tmp, the checkout, its own
submission folder, the virtual environment, /dev/shm (paths in target.json).

It prints where it succeeded; the test checks that nothing appeared on the host.
"""

import json
import os
import pathlib
import sys

import numpy as np

TARGET = json.loads(pathlib.Path(__file__).with_name("target.json").read_text())
name = TARGET["file_name"]
written = []
for directory in [*TARGET["directories"], sys.prefix, "/dev/shm", os.getcwd(), os.path.expanduser("~")]:
    path = os.path.join(directory, name)
    try:
        with open(path, "w") as file:
            file.write("written by a hostile submission\n")
        written.append(path)
    except OSError:
        pass
print("WROTE: " + ", ".join(written) if written else "wrote nothing", flush=True)


def wrong(image):
    """A wrong answer that fails every check: negative, and it moves when the pixels do."""
    return -1.0 - float(np.asarray(image).flat[0])


def image_entropy(image):
    return wrong(image)
