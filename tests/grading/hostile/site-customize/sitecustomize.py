"""Runs at interpreter start-up if found on sys.path: patches comparisons and marks the process."""

import builtins
import math

builtins.GRADEKIT_SITECUSTOMIZE_RAN = True
math.isclose = lambda *args, **kwargs: True
try:
    import numpy

    numpy.allclose = numpy.isclose = lambda *args, **kwargs: True
except Exception:
    pass
