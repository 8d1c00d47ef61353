"""Hostile: SystemExit(0) at import, as if the module had finished "successfully"."""

raise SystemExit(0)


def image_entropy(image):
    return 3.0
