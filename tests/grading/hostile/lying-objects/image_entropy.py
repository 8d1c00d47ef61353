"""Hostile: returns objects whose comparison and conversion methods lie, in turn:
an object equal to everything that converts to 3.0, a float subclass holding a
wrong (negative) value that claims to equal anything, and an ndarray subclass
doing the same.
"""

import numpy as np


class EqualToEverything:
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __le__ = __ge__ = __eq__
    __lt__ = __gt__ = __ne__

    def __float__(self):
        return 3.0

    def __index__(self):
        return 3

    __int__ = __index__

    def __abs__(self):
        return 0.0

    def __sub__(self, other):
        return 0.0

    __rsub__ = __sub__

    def __array__(self, dtype=None, copy=None):
        return np.array(3.0)

    def __repr__(self):
        return "3.0"


class LyingFloat(float):
    __eq__ = EqualToEverything.__eq__
    __ne__ = EqualToEverything.__ne__
    __lt__ = __gt__ = __le__ = __ge__ = EqualToEverything.__eq__
    __sub__ = __rsub__ = EqualToEverything.__sub__
    __abs__ = EqualToEverything.__abs__
    __hash__ = float.__hash__

    def __float__(self):
        return 3.0

    def __repr__(self):
        return "3.0"


class LyingArray(np.ndarray):
    def __eq__(self, other):
        return np.ones(np.shape(other), dtype=bool)

    def __float__(self):
        return 3.0

    def __array_finalize__(self, obj):
        pass


calls = 0


def image_entropy(image):
    global calls
    calls += 1
    choice = calls % 3
    if choice == 1:
        return EqualToEverything()
    if choice == 2:
        return LyingFloat(-1.0 - float(np.asarray(image).flat[0]))
    return np.asarray(-1.0).view(LyingArray)
