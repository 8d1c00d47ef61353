"""Sound: nn.L1Loss on the images cast to float32 (.float()), the two directions summed, times lam."""
import torch
def cycle_consistency_loss(x, x_cycled, y, y_cycled, lam=10.0):
    l1 = torch.nn.L1Loss()
    return lam * (l1(x_cycled.float(), x.float()) + l1(y_cycled.float(), y.float()))
