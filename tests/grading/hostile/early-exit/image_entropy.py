"""Hostile: prints "all tests passed" and a perfect score, then exits with status 0 from
inside the call, before any check could compare anything.
"""

import os
import sys


def image_entropy(image):
    print('{"score": 10.0, "max_score": 10.0}\nall tests passed')
    sys.stdout.flush()
    os._exit(0)
