"""Sound: the usual course code in torch's default float32 throughout (linspace, cumprod, .float() inputs)."""
import torch
def linear_beta_schedule(T, beta_start=1e-4, beta_end=0.02):
    return torch.linspace(beta_start, beta_end, T)
def alpha_bar(betas):
    return torch.cumprod(1 - betas.float(), dim=0)
def q_sample(x0, t, noise, alpha_bar):
    a = alpha_bar.float()[t].view(-1, *([1] * (x0.dim() - 1)))
    return a.sqrt() * x0.float() + (1 - a).sqrt() * noise.float()
