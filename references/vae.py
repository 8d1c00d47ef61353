"""A variational autoencoder for [0, 1] images (Kingma & Welling 2014, "Auto-Encoding Variational Bayes").

The encoder gives q(z | x) = N(mu, diag sigma^2) as (mu, log sigma^2); the
decoder gives the means of independent Bernoulli pixels p(x | z). Training
minimises the negative ELBO per image, in nats:

    -ELBO(x) = -E_q[log p(x | z)] + KL(q(z | x) || N(0, I))
             ~ sum_pixels BCE(decode(z), x) + KL,  z = mu + sigma * eps, eps ~ N(0, I)

with one sample of z per image (the reparameterization trick).
"""

import torch
import torch.nn.functional as F
from torch import Tensor, nn

try:  # as gradekit.calc.vae, beside gradekit.calc.gaussian_kl
    from .gaussian_kl import gaussian_kl
    from .reparameterize import reparameterize
except ImportError:  # as a submission's top-level vae.py, beside gaussian_kl.py
    from gaussian_kl import gaussian_kl
    from reparameterize import reparameterize


def vae_loss(recon: Tensor, x: Tensor, mu: Tensor, logvar: Tensor) -> Tensor:
    """Negative ELBO, averaged over the batch: a scalar in nats per image.

    Bernoulli likelihood: binary cross-entropy of the decoder's probabilities
    ``recon`` against ``x`` in [0, 1], summed over the pixels, plus the closed-form
    KL(N(mu, sigma^2) || N(0, I)) summed over the latent dimensions.
    """
    bce = F.binary_cross_entropy(recon, x, reduction="none").flatten(1).sum(dim=1)  # (B,)
    return (bce + gaussian_kl(mu, logvar)).mean()


class VAE(nn.Module):
    """MLP VAE: x (B, input_dim) -> (mu, logvar) (B, latent_dim) each -> Bernoulli means (B, input_dim)."""

    def __init__(self, input_dim: int = 64, latent_dim: int = 8, hidden_dim: int = 256):
        super().__init__()
        self.latent_dim = latent_dim
        self.body = nn.Sequential(nn.Linear(input_dim, hidden_dim), nn.ReLU())
        self.to_mu = nn.Linear(hidden_dim, latent_dim)
        self.to_logvar = nn.Linear(hidden_dim, latent_dim)
        self.decoder = nn.Sequential(nn.Linear(latent_dim, hidden_dim), nn.ReLU(),
                                     nn.Linear(hidden_dim, input_dim), nn.Sigmoid())

    def encode(self, x: Tensor) -> tuple[Tensor, Tensor]:
        hidden = self.body(x)  # (B, hidden_dim)
        return self.to_mu(hidden), self.to_logvar(hidden)  # (B, latent_dim) each

    def reparameterize(self, mu: Tensor, logvar: Tensor) -> Tensor:
        """A sample z = mu + sigma * eps of q(z | x), differentiable in mu and logvar."""
        return reparameterize(mu, logvar, torch.randn_like(mu))  # (B, latent_dim)

    def decode(self, z: Tensor) -> Tensor:
        return self.decoder(z)  # (B, input_dim), probabilities

    def forward(self, x: Tensor) -> tuple[Tensor, Tensor, Tensor]:
        mu, logvar = self.encode(x)
        return self.decode(self.reparameterize(mu, logvar)), mu, logvar


@torch.no_grad()
def interpolate(model: VAE, first: Tensor, second: Tensor, steps: int = 7) -> Tensor:
    """Rows of the interpolation figure: (N, steps + 2, input_dim).

    Row i is first[i], then the decoded codes mu_a + t (mu_b - mu_a) for
    t = 1/(steps+1), ..., steps/(steps+1) (evenly spaced, strictly between the
    two images' codes, the codes being the encoder means), then second[i].
    """
    mu_first, _ = model.encode(first)  # (N, d)
    mu_second, _ = model.encode(second)  # (N, d)
    t = torch.arange(1, steps + 1, dtype=mu_first.dtype, device=mu_first.device) / (steps + 1)  # (steps,)
    codes = mu_first[:, None] + t[None, :, None] * (mu_second - mu_first)[:, None]  # (N, steps, d)
    between = model.decode(codes.flatten(0, 1)).view(len(first), steps, -1)  # (N, steps, input_dim)
    return torch.cat([first[:, None], between, second[:, None]], dim=1)


def choose_pairs(labels: Tensor, same_digit: bool, count: int = 10,
                 generator: torch.Generator | None = None) -> Tensor:
    """``count`` random pairs (i, j), i != j, of images with equal labels (or different ones): (count, 2).

    The first image is uniform over those that have a partner, the second
    uniform over its partners.
    """
    same = labels[:, None] == labels[None, :]  # (N, N)
    partners = same if same_digit else ~same
    partners.fill_diagonal_(False)
    candidates = partners.any(dim=1).nonzero().flatten()  # images with at least one partner
    if len(candidates) == 0:
        raise ValueError("no pair of images has " + ("equal" if same_digit else "different") + " labels")
    pairs = []
    for _ in range(count):
        first = candidates[torch.randint(len(candidates), (1,), generator=generator)].item()
        options = partners[first].nonzero().flatten()
        second = options[torch.randint(len(options), (1,), generator=generator)].item()
        pairs.append((first, second))
    return torch.tensor(pairs, dtype=torch.long)
