"""Reading a student's pair list: a list of (i, j) pairs of ints, tuples or lists alike."""

from gradekit.grading.api import CheckFailed, expect_int, show


def expect_pairs(value, what: str) -> list[tuple[int, int]]:
    """``value`` as a list of ``(int, int)`` tuples, or CheckFailed if it is not a list of pairs."""
    if not isinstance(value, list):
        raise CheckFailed(f"{what} should be a list of (i, j) pairs, but it is {show(value)}")
    pairs = []
    for pair in value:
        if not isinstance(pair, (tuple, list)) or len(pair) != 2:
            raise CheckFailed(f"{what} should hold (i, j) pairs, but it holds {show(pair)}")
        pairs.append((expect_int(pair[0], f"an index in {what}"), expect_int(pair[1], f"an index in {what}")))
    return pairs
