"""Wrong on purpose: the worked example's answer, 8.5, written down (on the graph, with a zero gradient)."""


def cycle_consistency_loss(x, x_cycled, y, y_cycled, lam=10.0):
    return 0 * (x_cycled.sum() + y_cycled.sum()) + 8.5
