"""Hostile: writes well-formed reply frames claiming success into every file descriptor it
inherited, at import and before every call's real answer, plus a JSON report as text.

The frames answer the exam check (3.0) for a function that is otherwise wrong.
"""

import json
import os
import struct

import numpy as np


def frame(header):
    head = json.dumps({**header, "blobs": []}).encode()
    return struct.pack(">I", len(head)) + head


FORGED = [
    frame({"ok": True, "names": ["image_entropy"], "value": None}),
    frame({"ok": True, "value": {"t": "float", "v": "3.0"}}),
    frame({"ok": True, "id": None, "value": 3.0}),
    (json.dumps({"score": 10.0, "max_score": 10.0}) + "\n").encode(),
]


def forge():
    for name in os.listdir("/proc/self/fd"):
        fd = int(name)
        for data in FORGED:
            try:
                os.write(fd, data)
            except OSError:
                pass


forge()


def wrong(image):
    """A wrong answer that fails every check: negative, and it moves when the pixels do."""
    return -1.0 - float(np.asarray(image).flat[0])


def image_entropy(image):
    forge()
    return wrong(image)
