"""Hostile: rewires every comparison a grader might use (numpy, math, torch, pytest,
unittest) to say "equal", then returns wrong answers.
"""

import math
import unittest

import numpy as np


def always(*args, **kwargs):
    return True


def never_raises(*args, **kwargs):
    return None


np.allclose = np.isclose = np.array_equal = np.array_equiv = always
np.testing.assert_allclose = np.testing.assert_array_equal = np.testing.assert_equal = never_raises
np.testing.assert_almost_equal = np.testing.assert_array_almost_equal = never_raises
math.isclose = always
unittest.TestCase.assertEqual = unittest.TestCase.assertAlmostEqual = never_raises

try:
    import pytest

    class Anything:
        def __eq__(self, other):
            return True

    pytest.approx = lambda *args, **kwargs: Anything()
except Exception:
    pass

try:
    import torch

    torch.allclose = torch.equal = always
    torch.testing.assert_close = never_raises
except Exception:  # torch is not preloaded for this problem and may not fit its memory limit
    pass


def wrong(image):
    """A wrong answer that fails every check: negative, and it moves when the pixels do."""
    return -1.0 - float(np.asarray(image).flat[0])


def image_entropy(image):
    return wrong(image)
