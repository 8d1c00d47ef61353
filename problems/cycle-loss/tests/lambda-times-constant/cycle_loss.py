"""Wrong on purpose: λ times a constant, which ignores the images but is linear in λ and 0 at λ = 0."""


def cycle_consistency_loss(x, x_cycled, y, y_cycled, lam=10.0):
    return lam * (0 * (x_cycled.sum() + y_cycled.sum()) + 0.5)
