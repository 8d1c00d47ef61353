"""Hostile: every call sleeps for days."""

import time


def image_entropy(image):
    time.sleep(10**6)
    return 3.0
