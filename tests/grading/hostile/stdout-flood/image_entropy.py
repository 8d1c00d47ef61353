"""Hostile: floods stdout at import, line after line, forever."""

import sys

line = "spam " * 1000 + "\n"
while True:
    sys.stdout.write(line)
    sys.stdout.flush()


def image_entropy(image):
    return 3.0
