"""What both check files share: reading the harness's trace of a forward pass."""

from gradekit.grading.api import CheckFailed


def layer_widths(ops, what: str) -> list[int]:
    """The output widths of the fully connected layers (``linear`` operations) a forward pass ran, in order."""
    if not isinstance(ops, list) or not all(isinstance(op, list) and len(op) == 2 for op in ops):
        raise CheckFailed(f"the trace of {what} is not a list of [operation, shape] pairs")
    return [int(shape[-1]) for name, shape in ops if name == "linear" and shape]
