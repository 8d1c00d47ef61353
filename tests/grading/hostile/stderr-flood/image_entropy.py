"""Hostile: floods stderr from every call, straight to the file descriptor."""

import os


def image_entropy(image):
    block = b"x" * 65536
    while True:
        os.write(2, block)
