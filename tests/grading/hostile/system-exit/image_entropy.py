"""Hostile: SystemExit(0) at import, as if the module had finished "successfully"."""

import sys

raise SystemExit(0)


def image_entropy(image):
    return 3.0
